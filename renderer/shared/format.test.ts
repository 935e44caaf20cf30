import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration } from "./format";

describe("formatBytes", () => {
  it("keeps small sizes exact and scales larger ones", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1500)).toBe("1.5 kB");
    expect(formatBytes(5_200_000)).toBe("5.2 MB");
    expect(formatBytes(3_000_000_000)).toBe("3.0 GB");
    expect(formatBytes(123_400)).toBe("123 kB");
    expect(formatBytes(-1)).toBe("?");
  });
});

describe("formatDuration", () => {
  it("switches units at human thresholds", () => {
    expect(formatDuration(0.42)).toBe("0.42 ms");
    expect(formatDuration(12.34)).toBe("12 ms");
    expect(formatDuration(2500)).toBe("2.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
