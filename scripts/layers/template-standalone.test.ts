/** The server-template stands-alone check: the real template passes; each way of pointing outside it is caught. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./fixture-tree";
import { templateEscapes } from "./template-standalone";

const made: string[] = [];
function template(files: Record<string, string>): string {
  const parent = mkdtempSync(join(tmpdir(), "smk-template-"));
  made.push(parent);
  const root = join(parent, "server-template");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("server-template stands alone", () => {
  it("holds for the real template", () => {
    expect(templateEscapes(join(repoRoot, "server-template"))).toEqual([]);
  });

  it("allows climbing inside the template (server/ → the root's requirements.txt)", () => {
    const root = template({ "server/requirements.txt": "# see ../requirements.txt\n", "requirements.txt": "numpy\n" });
    expect(templateEscapes(root)).toEqual([]);
  });

  it("catches a Dockerfile COPY, a Python path and a Makefile target outside the template", () => {
    const root = template({
      Dockerfile: "FROM x\nCOPY ../app/contract /contract\n",
      "server/schema.py": 'import sys\nsys.path.insert(0, "../../renderer")\n',
      Makefile: "lint:\n\tcd .. && npm run lint\n",
    });
    expect(templateEscapes(root)).toEqual(
      expect.arrayContaining([
        { file: "Dockerfile", line: 2, what: "path ../app/contract leaves the template" },
        { file: join("server", "schema.py"), line: 2, what: "path ../../renderer leaves the template" },
        { file: "Makefile", line: 2, what: "path .. leaves the template" },
      ]),
    );
    expect(templateEscapes(root)).toHaveLength(3);
  });

  it("catches Path(__file__) climbing above the template, and a symlink out of it", () => {
    const root = template({
      "server/paths.py": "from pathlib import Path\nHERE = Path(__file__).parent.parent\nREPO = Path(__file__).resolve().parents[2]\n",
    });
    symlinkSync("../../elsewhere", join(root, "server", "linked"));
    expect(templateEscapes(root)).toEqual([
      { file: join("server", "linked"), line: 0, what: "symlink to ../../elsewhere" },
      { file: join("server", "paths.py"), line: 3, what: "Path(__file__).resolve().parents[2] climbs above the template" },
    ]);
  });
});
