import { describe, expect, it } from "vitest";
import { stripAnsi } from "./strip-ansi";

describe("stripAnsi", () => {
  it("removes colour codes and keeps the text", () => {
    expect(stripAnsi("\u001b[91mERROR: No matching distribution\u001b[0m")).toBe("ERROR: No matching distribution");
    expect(stripAnsi("plain [1] text")).toBe("plain [1] text");
  });
});
