import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareAnswer } from "./compare-answer";
import { listExamples, readExampleFile, replaceExpected, writeExampleFile } from "./example-file";

const rules = { floatAbs: 1e-6, floatRel: 1e-6, ignore: [] as string[] };
const json = (body: string) => ({ status: 200, contentType: "application/json", body });

describe("comparing an answer with the expected one", () => {
  it("passes numbers within tolerance and names the paths that differ", () => {
    expect(compareAnswer(json('{"predictions":[{"p":0.5}]}'), json('{"predictions":[{"p":0.5000001}]}'), rules)).toEqual([]);
    expect(compareAnswer(json('{"predictions":[{"p":0.5,"label":"a"}]}'), json('{"predictions":[{"p":0.6,"label":"b"}]}'), rules)).toEqual([
      { path: "predictions.0.p", expected: "0.5", got: "0.6" },
      { path: "predictions.0.label", expected: '"a"', got: '"b"' },
    ]);
    expect(compareAnswer(json('{"predictions":[{"p":0.5}]}'), json('{"predictions":[{"p":0.6}]}'), { ...rules, floatAbs: 0.2 })).toEqual(
      [],
    );
  });

  it("skips ignored paths and reports a changed status, missing fields and CSV cells", () => {
    const ignore = { ...rules, ignore: ["predictions.*.id"] };
    expect(compareAnswer(json('{"predictions":[{"id":"x1","v":1}]}'), json('{"predictions":[{"id":"x2","v":1}]}'), ignore)).toEqual([]);
    expect(compareAnswer(json('{"predictions":[{"v":1}]}'), { ...json("{}"), status: 500 }, rules).map((d) => d.path)).toEqual([
      "status",
      "predictions",
    ]);
    const csv = (body: string) => ({ status: 200, contentType: "text/csv", body });
    expect(compareAnswer(csv("a,1.0\nb,2\n"), csv("a,1.0000000001\nb,3\n"), rules)).toEqual([{ path: "1.1", expected: "2", got: "3" }]);
  });
});

describe("the examples/ file format", () => {
  it("keeps a JSON body as JSON with numbers as written, other bodies as text, and lists them back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "examples-"));
    await writeExampleFile(
      dir,
      {
        name: "Two Rows",
        request: { path: "/invocations", contentType: "application/json", body: '{"instances":[{"x":1.0}]}' },
        expected: { status: 200, contentType: "text/csv", body: "a:2.0\n" },
        match: rules,
      },
      false,
    );
    const text = readFileSync(join(dir, "examples", "two-rows.json"), "utf8");
    expect(text).toContain('"x": 1.0');
    expect(JSON.parse(text).expected.bodyText).toBe("a:2.0\n");
    const back = await readExampleFile(dir, "two-rows.json");
    expect(back.request.body).toBe('{"instances":[{"x":1.0}]}');
    await expect(writeExampleFile(dir, { ...back, name: "two rows" }, false)).rejects.toThrow(/exists/);
    expect((await listExamples(dir)).examples.map((e) => e.name)).toEqual(["Two Rows"]);
  });
});

describe("accepting an answer as the new expected one", () => {
  it("replaces only the expected answer: the request's number text, the rules and keys of the person's own stay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "examples-"));
    const saved = await writeExampleFile(
      dir,
      {
        name: "one",
        description: "a row",
        request: { path: "/invocations", contentType: "application/json", body: '{"instances":[{"x":1.0}]}' },
        expected: json('{"predictions":[2.0]}'),
        match: { ...rules, ignore: ["id"] },
      },
      false,
    );
    const path = join(dir, "examples", saved.file);
    const own = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...own, owner: "me" }, null, 2).replace('"x": 1', '"x": 1.0'));
    const accepted = await replaceExpected(dir, saved, { status: 200, contentType: "text/csv", body: "3.0\n" });
    expect(accepted.expected).toEqual({ status: 200, contentType: "text/csv", body: "3.0\n" });
    const text = readFileSync(path, "utf8");
    expect(text).toContain('"x": 1.0');
    expect(JSON.parse(text)).toMatchObject({
      owner: "me",
      description: "a row",
      match: { ignore: ["id"] },
      expected: { bodyText: "3.0\n" },
    });
    // The answer it now expects passes; the old one would fail.
    expect(compareAnswer(accepted.expected, { status: 200, contentType: "text/csv", body: "3.0\n" }, accepted.match)).toEqual([]);
    expect(compareAnswer(accepted.expected, json('{"predictions":[2.0]}'), accepted.match)).not.toEqual([]);
  });
});
