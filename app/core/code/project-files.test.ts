import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createServices } from "../services";
import { throwawayTemplate } from "../testing/throwaway-template";

const signal = new AbortController().signal;

async function setup() {
  const workspaceDir = mkdtempSync(join(tmpdir(), "smk-files-"));
  const templateDir = throwawayTemplate({ Dockerfile: "FROM scratch\n", "model/predictor.py": "factor = 2\n", "server/app.py": "" });
  mkdirSync(join(templateDir, "__pycache__"));
  writeFileSync(join(templateDir, "__pycache__", "x.pyc"), "");
  const services = createServices({ workspaceDir, stateDir: join(workspaceDir, ".state"), templateDir });
  const p = await services["projects.create"]({ name: "Files Test" }, { signal });
  return { services, p, workspaceDir };
}

describe("projects and files through the services", () => {
  it("creates a project folder from the template with a manifest, skipping caches", async () => {
    const { services, p, workspaceDir } = await setup();
    expect(p.dir).toBe(join(workspaceDir, "files-test"));
    expect(p.manifest).toMatchObject({
      name: "Files Test",
      templateVersion: "0.0.0-test",
      imageTag: `stagemaker/files-test-${p.manifest.projectId}:latest`,
    });
    const paths = (await services["code.list"]({ project: p.dir }, { signal })).map((f) => `${f.kind}:${f.path}`);
    expect(paths.sort()).toEqual(
      [
        "file:Dockerfile",
        "file:VERSION",
        "dir:model",
        "file:model/predictor.py",
        "dir:server",
        "file:server/app.py",
        "file:stagemaker.json",
      ].sort(),
    );
    // The same name again gets its own folder.
    expect((await services["projects.create"]({ name: "Files Test" }, { signal })).dir).toBe(join(workspaceDir, "files-test-2"));
    expect((await services["projects.open"]({ project: p.dir }, { signal })).manifest.name).toBe("Files Test");
  });

  it("lists artifacts/code/ (a handler script, as SageMaker lays out model data) but no other artifact", async () => {
    const { services, p } = await setup();
    mkdirSync(join(p.dir, "artifacts", "code"), { recursive: true });
    writeFileSync(join(p.dir, "artifacts", "model.joblib"), "weights");
    writeFileSync(join(p.dir, "artifacts", "code", "inference.py"), "def model_fn(d):\n    return 1\n");
    const paths = (await services["code.list"]({ project: p.dir }, { signal })).map((f) => `${f.kind}:${f.path}`);
    expect(paths).toEqual(expect.arrayContaining(["dir:artifacts", "dir:artifacts/code", "file:artifacts/code/inference.py"]));
    expect(paths).not.toContain("file:artifacts/model.joblib");
  });

  it("reads and writes files inside, refusing paths that lead outside", async () => {
    const { services, p, workspaceDir } = await setup();
    const ref = { project: p.dir };
    await services["code.write"]({ ...ref, path: "model/predictor.py", content: "factor = 3\n" }, { signal });
    expect((await services["code.read"]({ ...ref, path: "./model//predictor.py" }, { signal })).content).toBe("factor = 3\n");
    await services["code.write"]({ ...ref, path: "model/new/extra.py", content: "x" }, { signal });
    expect(readFileSync(join(p.dir, "model", "new", "extra.py"), "utf8")).toBe("x");

    writeFileSync(join(workspaceDir, "secret.txt"), "secret");
    symlinkSync(join(workspaceDir, "secret.txt"), join(p.dir, "escape.txt"));
    for (const path of ["../secret.txt", "/etc/passwd", "escape.txt"]) {
      await expect(services["code.read"]({ ...ref, path }, { signal })).rejects.toMatchObject({ code: "outside-project" });
      await expect(services["code.write"]({ ...ref, path, content: "pwned" }, { signal })).rejects.toMatchObject({
        code: "outside-project",
      });
    }
    expect(readFileSync(join(workspaceDir, "secret.txt"), "utf8")).toBe("secret");
    await expect(services["code.read"]({ ...ref, path: "missing.py" }, { signal })).rejects.toMatchObject({ code: "not-found" });
  });

  it("refuses folders that are not projects and damaged manifests, saying what to do", async () => {
    const { services, p, workspaceDir } = await setup();
    await expect(services["code.list"]({ project: workspaceDir }, { signal })).rejects.toMatchObject({
      code: "not-found",
      message: expect.stringContaining("stagemaker new"),
    });
    writeFileSync(join(p.dir, "stagemaker.json"), '{"name": 3}');
    await expect(services["projects.open"]({ project: p.dir }, { signal })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services["projects.open"]({ project: "relative/dir" }, { signal })).rejects.toMatchObject({ code: "invalid-input" });
  });
});
