import type { EngineStatus } from "../../contract";

/**
 * Polls the engine so a stopped daemon shows up as a status and recovery is noticed by itself.
 * `onChange` hears the first status and then only changes; the returned function stops polling.
 */
export function watchEngine(check: () => Promise<EngineStatus>, onChange: (s: EngineStatus) => void, intervalMs = 5000) {
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const status = await check();
    const key = JSON.stringify(status);
    if (key !== last && !stopped) {
      last = key;
      onChange(status);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
