import { describe, expect, it, vi } from "vitest";
import { eventBatch } from "./event-batch";

describe("eventBatch", () => {
  it("hands over bursts together, in order, and flushes on demand", () => {
    vi.useFakeTimers();
    const got: number[][] = [];
    const b = eventBatch<number>((e) => got.push(e), 50);
    b.push(1);
    b.push(2);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(got).toEqual([[1, 2]]);
    b.push(3);
    b.flush();
    vi.advanceTimersByTime(100);
    expect(got).toEqual([[1, 2], [3]]);
    vi.useRealTimers();
  });
});
