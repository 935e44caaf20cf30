// Waits for a started (or SIGHUP'd) server to answer /ping 200, and ends early on any sign it will not.
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { exitedReason, loadFailureReason } from "../containers/failure-reason";
import { ping } from "./ping";

export type HealthOutcome = { ok: true; serverId?: string } | { ok: false; exitCode: number | null; reason: string; loadFailed?: boolean };

export interface HealthWait {
  /** To read the last log lines of a container that exited. */
  docker: Docker;
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
 * server says its predictor failed to load (503 not_ready, state failed), the container exits, or
 * the limit passes. Polls every 50 ms for the first 5 s, then every 250 ms, so a failure the server
 * knows shows within a fraction of a second; progress is reported about twice a second.
 */
export async function waitHealthy(
  container: Docker.Container,
  { docker, port, limitMs, onWaiting, signal, notServerId }: HealthWait,
): Promise<HealthOutcome> {
  const started = Date.now();
  let lastPing = "not asked yet";
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new StagemakerError("cancelled", "Stopped waiting for the container to become healthy.");
    const answer = await ping(port);
    const fresh = !notServerId || answer.serverId !== notServerId;
    if (answer.status === 200 && fresh) return { ok: true, serverId: answer.serverId };
    if (answer.notReady?.failed && fresh)
      return { ok: false, exitCode: null, reason: loadFailureReason(answer.notReady.message), loadFailed: true };
    lastPing = answer.status
      ? `HTTP ${answer.status}${answer.status === 200 ? " (old server still answering)" : answer.notReady ? ` (${answer.notReady.message})` : ""}`
      : (answer.error ?? "no answer");
    // Checking the container every few attempts keeps the loop fast while noticing a crash early.
    if (attempt % 4 === 0 || answer.error) {
      const info = await container.inspect().catch((err: { statusCode?: number }) => {
        if (err.statusCode === 404) return null; // stopped and removed meanwhile (Stop pressed)
        throw err;
      });
      if (!info) return { ok: false, exitCode: null, reason: "The container was stopped and removed before /ping answered 200." };
      const state = info.State;
      if (!state.Running) {
        return {
          ok: false,
          exitCode: state.ExitCode,
          reason: exitedReason(state.ExitCode, state.OOMKilled, await lastLogLines(docker, container)),
        };
      }
    }
    const elapsed = Date.now() - started;
    if (elapsed > limitMs) {
      return {
        ok: false,
        exitCode: null,
        reason: `/ping did not answer 200 within ${Math.round(limitMs / 1000)} s (last answer: ${lastPing}). Raise the health limit in the run settings if the model needs longer to load.`,
      };
    }
    if (attempt % 10 === 0) onWaiting(elapsed, lastPing);
    await new Promise((r) => setTimeout(r, elapsed < 5000 ? 50 : 250));
  }
}
