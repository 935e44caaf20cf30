import { StagemakerError } from "../../contract";
import type { EngineLocation } from "./locate-engine";

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

/** Runs engine work, turning "no engine answers" into the contract's engine-unreachable error. */
export async function withEngine<T>(location: EngineLocation, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!(err instanceof StagemakerError) && code && UNREACHABLE.has(code) && (err as { syscall?: string }).syscall === "connect")
      throw new StagemakerError(
        "engine-unreachable",
        `No Docker engine answers at ${location.host}. Start Docker, or set DOCKER_HOST to a running engine, then try again.`,
        { code },
      );
    throw err;
  }
}
