import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvocationHistory } from "./invocation-history";

const entry = (n: number) => ({
  request: { path: "/invocations" as const, body: `{"n":${n}}`, contentType: "application/json", timeoutMs: 1000 },
  result: { status: 200, headers: {}, body: `${n}`, bodyBytes: 1, truncated: false, timings: { totalMs: 1 } },
});

describe("InvocationHistory", () => {
  it("keeps entries newest first, persists them, and a new instance reads them back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smk-hist-"));
    const h = new InvocationHistory(dir);
    await Promise.all([1, 2, 3].map((n) => h.add(entry(n))));
    await h.add(entry(4));
    await h.flush();
    expect((await h.list()).map((e) => e.result.body)).toEqual(["4", "3", "2", "1"]);
    expect(JSON.parse(readFileSync(join(dir, ".stagemaker", "invocations.json"), "utf8"))).toHaveLength(4);
    expect((await new InvocationHistory(dir).list()).map((e) => e.result.body)).toEqual(["4", "3", "2", "1"]);
  });

  it("keeps at most 100 entries", async () => {
    const h = new InvocationHistory(mkdtempSync(join(tmpdir(), "smk-hist-")));
    for (let n = 0; n < 105; n++) await h.add(entry(n));
    const all = await h.list();
    expect(all).toHaveLength(100);
    expect(all[0]?.result.body).toBe("104");
  });
});
