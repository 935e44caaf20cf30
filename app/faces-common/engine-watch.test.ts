/** The engine poll the CLI's `status --watch` uses: each change reported once, a throwing check skipped, stop stops. */
import { describe, expect, it } from "vitest";
import type { EngineStatus } from "../contract";
import { watchEngine } from "./engine-watch";

const down: EngineStatus = { state: "unreachable", host: "h", source: "DOCKER_HOST", reason: "down", hint: "start it" };
const up: EngineStatus = {
  state: "reachable",
  host: "h",
  source: "DOCKER_HOST",
  version: "27.0",
  apiVersion: "1.46",
  os: "linux",
  arch: "amd64",
};

/** Runs the poll over `answers` (an Error is thrown instead of answered) until `up` is seen. */
function watchUntilUp(answers: (EngineStatus | Error)[]): Promise<{ seen: string[]; checks: number }> {
  let checks = 0;
  const seen: string[] = [];
  return new Promise((resolve) => {
    const stop = watchEngine(
      async () => {
        const a = answers[Math.min(checks++, answers.length - 1)]!;
        if (a instanceof Error) throw a;
        return a;
      },
      (s) => {
        seen.push(s.state);
        if (s.state === "reachable") {
          stop();
          resolve({ seen, checks });
        }
      },
      5,
    );
  });
}

describe("engine watch", () => {
  it("polls and reports each change, so recovery shows up by itself", async () => {
    const { seen } = await watchUntilUp([down, down, up]);
    expect(seen).toEqual(["unreachable", "reachable"]);
  });

  it("keeps polling when a check throws instead of ending with an unhandled rejection", async () => {
    const { seen, checks } = await watchUntilUp([down, new Error("socket hang up"), up]);
    expect(seen).toEqual(["unreachable", "reachable"]);
    expect(checks).toBe(3);
  });
});
