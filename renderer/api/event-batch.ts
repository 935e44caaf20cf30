/**
 * Collects streamed events and hands them over at most every `ms` milliseconds: a chatty build
 * (pip, apt) emits hundreds of lines a second, and one render per line would stall the window.
 */
export function eventBatch<E>(apply: (events: E[]) => void, ms = 50) {
  let buffer: E[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const events = buffer;
    buffer = [];
    if (events.length > 0) apply(events);
  };
  return {
    push(event: E) {
      buffer.push(event);
      timer ??= setTimeout(flush, ms);
    },
    /** Before the stream's end is shown, so no event lands after its result. */
    flush,
  };
}
