import type { ErrorCode } from "../contract";

/** One exit code per contract error, so scripts can tell "engine down" from "build broke". */
export const exitCodes: Record<ErrorCode, number> = {
  internal: 1,
  "invalid-input": 2,
  "engine-unreachable": 3,
  "not-found": 4,
  "build-failed": 5,
  "run-failed": 6,
  "not-running": 7,
  "outside-project": 8,
  conflict: 9,
  cancelled: 130,
};
/** invoke: the container answered with a non-2xx status. */
export const EXIT_INVOKE_STATUS = 10;
/** invoke: no answer at all (refused, timeout). */
export const EXIT_INVOKE_NO_ANSWER = 11;
/** status: the engine is not reachable. */
export const EXIT_ENGINE_DOWN = exitCodes["engine-unreachable"];
