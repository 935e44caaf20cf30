// Real checks on the real engine: a syntax error, a type error against Instance, then a clean file.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPython, ToolsContainers } from "./check-python";
import { removeToolsContainer } from "./tools-container";

const templateDir = resolve(__dirname, "../../../server-template");
const docker = new Docker();
const containers = new ToolsContainers();
let projectDir: string;
const extraCaCertsPath = process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt";
const check = () => checkPython(docker, containers, { projectDir, templateDir, extraCaCertsPath }, ["model"]);

describe("checkPython", () => {
  beforeAll(async () => {
    projectDir = await mkdtemp(join(tmpdir(), "smk-test-diagnostics-"));
    await cp(templateDir, projectDir, { recursive: true });
  });
  afterAll(async () => {
    await removeToolsContainer(docker, projectDir);
    await rm(projectDir, { recursive: true, force: true });
  });

  it("finds nothing wrong in the template's model", { timeout: 600_000 }, async () => {
    const r = await check();
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.parses).toBe(true);
    expect(r.tools).toEqual(expect.arrayContaining(["python", "ruff", "mypy"]));
  });

  it("reports a SyntaxError at its line, then a type error against Instance once it parses", { timeout: 120_000 }, async () => {
    const file = join(projectDir, "model/predictor.py");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace("for instance in instances\n", "for instance in instances)\n"));
    const bad = await check();
    expect(bad.parses).toBe(false);
    const syntax = bad.problems.find((p) => p.source === "python");
    expect(syntax).toMatchObject({ path: "model/predictor.py", severity: "error" });
    expect(syntax!.message).toMatch(/SyntaxError/);
    expect(good.split("\n")[syntax!.line - 1]).toContain("for instance in instances");

    await writeFile(file, good.replace("instance.field2 * self.factor", "instance.no_such_field * self.factor"));
    const typed = await check();
    expect(typed.parses).toBe(true);
    expect(typed.problems).toContainEqual(
      expect.objectContaining({ source: "mypy", severity: "error", message: expect.stringContaining("no_such_field") }),
    );

    const draft = await checkPython(docker, containers, { projectDir, templateDir, extraCaCertsPath }, [], {
      path: "model/predictor.py",
      content: "def f(:\n",
    });
    expect(draft).toMatchObject({
      parses: false,
      problems: [expect.objectContaining({ path: "model/predictor.py", line: 1, source: "python" })],
    });

    await writeFile(file, good);
    const fixed = await check();
    expect(fixed.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it(
    "removes the project's tools container when the app closes, and starts a new one on the next check",
    { timeout: 120_000 },
    async () => {
      const forProject = () => docker.listContainers({ all: true, filters: { label: [`com.stagemaker.tools-for=${projectDir}`] } });
      expect(await forProject()).toHaveLength(1);
      await containers.removeAll(docker);
      expect(await forProject()).toEqual([]);
      expect((await check()).parses).toBe(true);
      expect(await forProject()).toHaveLength(1);
    },
  );
});
