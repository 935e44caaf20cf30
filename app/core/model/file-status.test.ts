// Accept never replaces a file the person changed unless they confirmed it after seeing the diff.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPlan } from "./apply-plan";
import { personWrote, statusOf } from "./file-status";

function setup() {
  const template = mkdtempSync(join(tmpdir(), "smk-intake-template-"));
  const project = mkdtempSync(join(tmpdir(), "smk-intake-project-"));
  for (const dir of [template, project]) {
    mkdirSync(join(dir, "model"), { recursive: true });
    writeFileSync(join(dir, "model", "predictor.py"), "# template\n");
    writeFileSync(join(dir, "requirements.txt"), "# none\n");
  }
  return { template, project };
}

describe("writing generated files", () => {
  it("replaces template files, refuses changed ones without confirmation, and remembers its own", async () => {
    const { template, project } = setup();
    writeFileSync(join(project, "requirements.txt"), "torch==2.0\n"); // the person's edit
    const files = [
      { path: "model/predictor.py", content: "# generated 1\n" },
      { path: "requirements.txt", content: "scikit-learn==1.5.2\n" },
      { path: "model/instance.py", content: "# instance\n" },
    ];
    const status = await statusOf(project, template, files);
    expect(status.map((f) => f.status)).toEqual(["replaces", "changed", "new"]);
    expect(status[1]!.diff).toContain("-torch==2.0");
    expect(status[1]!.diff).toContain("+scikit-learn==1.5.2");

    await expect(applyPlan(project, template, files, [])).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("You changed requirements.txt"),
    });
    expect(readFileSync(join(project, "model", "predictor.py"), "utf8")).toBe("# template\n"); // nothing written

    const r = await applyPlan(project, template, files, ["requirements.txt"]);
    expect(r.written.sort()).toEqual(["model/instance.py", "model/predictor.py", "requirements.txt"]);
    expect(readFileSync(join(project, "requirements.txt"), "utf8")).toBe("scikit-learn==1.5.2\n");

    // Stagemaker's own earlier output may be replaced; an edit on top of it may not.
    const again = [
      { path: "model/predictor.py", content: "# generated 2\n" },
      { path: "model/instance.py", content: "# instance 2\n" },
    ];
    writeFileSync(join(project, "model", "instance.py"), "# instance, edited\n");
    expect((await statusOf(project, template, again)).map((f) => f.status)).toEqual(["replaces", "changed"]);
  });

  it("hands Generate the requirements.txt the person wrote, and only that one", async () => {
    const { template, project } = setup();
    expect(await personWrote(project, template, "requirements.txt")).toBeUndefined(); // the template's
    await applyPlan(project, template, [{ path: "requirements.txt", content: "scikit-learn==1.5.2\n" }], []);
    expect(await personWrote(project, template, "requirements.txt")).toBeUndefined(); // Stagemaker's own
    writeFileSync(join(project, "requirements.txt"), "scikit-learn==1.4.2\n");
    expect(await personWrote(project, template, "requirements.txt")).toBe("scikit-learn==1.4.2\n");
  });
});
