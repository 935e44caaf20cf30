import type { EngineStatus } from "../contract";

/**
 * Polls the engine so a stopped daemon shows up as a status and recovery is noticed by itself.
 * `onChange` hears the first status and then only changes; the returned function stops polling.
 */
export function watchEngine(check: () => Promise<EngineStatus>, onChange: (s: EngineStatus) => void, intervalMs = 5000) {
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    // A check that throws (rather than answering "unreachable") skips one round instead of ending the poll unhandled.
    const status = await check().catch(() => undefined);
    const key = JSON.stringify(status);
    if (status && key !== last && !stopped) {
      last = key;
      onChange(status);
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
