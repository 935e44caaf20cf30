import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { ping } from "./ping";

export type HealthOutcome = { ok: true; serverId?: string } | { ok: false; exitCode: number | null; reason: string };

export interface HealthWait {
  /** Host port published for the container's 8080. */
  port: number;
  limitMs: number;
  onWaiting: (elapsedMs: number, lastPing: string) => void;
  signal?: AbortSignal;
  /** After a reload: the old server's id, whose 200 does not count. */
  notServerId?: string;
}

/**
 * Polls /ping until it answers 200 (from a server other than `notServerId`, after a reload), the
 * container exits, or the limit passes. Progress is reported about twice a second.
 */
export async function waitHealthy(container: Docker.Container, { port, limitMs, onWaiting, signal, notServerId }: HealthWait): Promise<HealthOutcome> {
  const started = Date.now();
  let lastPing = "not asked yet";
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new StagemakerError("cancelled", "Stopped waiting for the container to become healthy.");
    const answer = await ping(port);
    if (answer.status === 200 && (!notServerId || answer.serverId !== notServerId)) return { ok: true, serverId: answer.serverId };
    lastPing = answer.status ? `HTTP ${answer.status}${answer.status === 200 ? " (old server still answering)" : ""}` : (answer.error ?? "no answer");
    // Checking the container every few attempts keeps the loop fast while noticing a crash early.
    if (attempt % 4 === 0 || answer.error) {
      const info = await container.inspect().catch((err: { statusCode?: number }) => {
        if (err.statusCode === 404) return null; // stopped and removed meanwhile (Stop pressed)
        throw err;
      });
      if (!info) return { ok: false, exitCode: null, reason: "The container was stopped and removed before /ping answered 200." };
      const state = info.State;
      if (!state.Running) {
        return { ok: false, exitCode: state.ExitCode, reason: exitedReason(state.ExitCode, state.OOMKilled) };
      }
    }
    const elapsed = Date.now() - started;
    if (elapsed > limitMs) {
      return { ok: false, exitCode: null, reason: `/ping did not answer 200 within ${Math.round(limitMs / 1000)} s (last answer: ${lastPing}). Raise the health limit in the run settings if the model needs longer to load.` };
    }
    if (attempt % 10 === 0) onWaiting(elapsed, lastPing);
    await new Promise((r) => setTimeout(r, elapsed < 5000 ? 50 : 250));
  }
}

export function exitedReason(exitCode: number, oomKilled = false): string {
  return `The container exited with code ${exitCode} before /ping answered 200${oomKilled ? " (killed: out of memory)" : ""}. See the last log lines for why.`;
}
