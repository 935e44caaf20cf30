import { describe, expect, it } from "vitest";
import type { LoadReport } from "../../contract";
import { seconds } from "./load";
import { regressions } from "./load-text";

describe("stagemaker load's options", () => {
  it("reads durations as a person writes them", () => {
    expect(seconds("5s")).toBe(5);
    expect(seconds("1m")).toBe(60);
    expect(seconds("500ms")).toBe(0.5);
    expect(seconds("12")).toBe(12);
    expect(() => seconds("five")).toThrow(/like 5s/);
  });

  it("--compare fails on a throughput drop or a p99 rise beyond the threshold, and only then", () => {
    const withChange = (throughputChangePercent: number, p99ChangePercent: number | null) =>
      ({ comparison: { throughputChangePercent, p99ChangePercent, atConcurrency: 16 } }) as unknown as LoadReport;
    expect(regressions(withChange(-4, 3), 10)).toEqual([]);
    expect(regressions(withChange(-12, 3), 10)).toEqual(["best throughput fell 12% (more than 10%)"]);
    expect(regressions(withChange(30, 25), 10)).toEqual(["p99 at 16 connections rose 25% (more than 10%)"]);
    expect(regressions({ comparison: null } as unknown as LoadReport, 10)).toEqual([]);
  });
});
