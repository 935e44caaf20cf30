// The founders' rule on the real core and engine: a model Stagemaker cannot serve is refused with the
// reason and what to do, by every action that would serve it; it is never served by the template's
// example predictor, nor by a predictor generated for another model. A predictor the person wrote builds.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import {
  CheckInput,
  ExportInput,
  InvokeInput,
  LoadInput,
  type Project,
  SaveExampleInput,
  StagemakerError,
  TransformInput,
} from "../../../contract";
import { testServicesOptions } from "../../testing/test-services-options";
import { createServices } from "../../services";
import { cleanUpProject, uniqueName } from "../../testing/throwaway-template";
import { recordGenerated } from "../file-status";
import { OWN_PREDICTOR, ownClassPickle } from "../testing/own-class-pickle";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const root = mkdtempSync(join(tmpdir(), "smk-guard-"));
const options = testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") });
let services = createServices(options);
const signal = new AbortController().signal;
const docker = new Docker();
const made: Project[] = [];

afterAll(async () => {
  await services.close();
  for (const p of made) await cleanUpProject(p.dir, p.manifest.imageTag);
  rmSync(root, { recursive: true, force: true });
});

async function project(prefix: string): Promise<Project> {
  const p = await services["projects.create"]({ name: uniqueName(prefix) }, { signal });
  made.push(p);
  return p;
}
const refusal = (p: Project) => services["model.refusal"]({ project: p.dir }, { signal });
const imageExists = (p: Project) =>
  docker
    .getImage(p.manifest.imageTag)
    .inspect()
    .then(() => true)
    .catch(() => false);
/** The error an action threw: the guard's refusal keeps its code and the refusal as its detail. */
async function refusedBy(action: Promise<unknown>): Promise<StagemakerError> {
  const err = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StagemakerError);
  return err as StagemakerError;
}

describe("a project whose model would not be the one served", () => {
  it("a pickle of the person's own class under the template's example predictor: build, run, reload, check, transform and export refuse, no image is made, and nothing is sent to a server (invoke, replay, load)", async () => {
    const p = await project("guard-example");
    writeFileSync(join(p.dir, "artifacts", "model.pkl"), ownClassPickle());
    const r = await refusal(p);
    expect(r).toMatchObject({ cause: "example-predictor", artifact: "model.pkl" });
    expect(r!.message).toContain("mymodel.Doubler");
    expect(r!.message).toContain("still the template's example");
    // No adapter serves it, so generating is not offered; writing the predictor or script mode is.
    expect(r!.todo).not.toContain("generate the predictor");
    expect(r!.todo).toContain("write model/predictor.py yourself so that it loads artifacts/model.pkl");
    expect(r!.todo).toContain("artifacts/code/inference.py");

    const build = await refusedBy(services["build.run"]({ project: p.dir }, () => undefined, { signal }));
    expect(build.code).toBe("invalid-input");
    expect(build.message).toMatch(/^Stagemaker will not build this project\. artifacts\/model\.pkl is a pickled mymodel\.Doubler/);
    expect(build.detail).toEqual({ modelRefusal: r });
    expect(await imageExists(p)).toBe(false);

    for (const [verb, action] of [
      ["run", () => services["run.start"]({ project: p.dir }, () => undefined, { signal })],
      ["reload", () => services["run.reload"]({ project: p.dir }, () => undefined, { signal })],
      ["check", () => services["readiness.run"](CheckInput.parse({ project: p.dir }), () => undefined, { signal })],
      [
        "transform",
        () =>
          services["transform.run"](
            TransformInput.parse({ target: p.dir, input: join(root, "in.csv"), output: join(root, "out") }),
            () => undefined,
            {
              signal,
            },
          ),
      ],
      [
        "export",
        () => services["export.run"](ExportInput.parse({ project: p.dir, to: join(root, "exported") }), () => undefined, { signal }),
      ],
    ] as const) {
      const err = await refusedBy(action());
      expect(err.code, verb).toBe("invalid-input");
      expect(err.message, verb).toContain(`Stagemaker will not ${verb} this project.`);
    }
    // A server started before the model was refused answers with another predictor: nothing is sent to it either.
    for (const [words, action] of [
      ["send requests to", () => services["invoke.send"](InvokeInput.parse({ project: p.dir, body: "{}" }), { signal })],
      ["replay examples against", () => services["examples.run"]({ project: p.dir }, { signal })],
      [
        "send requests to",
        () => services["examples.save"](SaveExampleInput.parse({ project: p.dir, name: "sent-now", request: { body: "{}" } }), { signal }),
      ],
      ["load-test", () => services["load.run"](LoadInput.parse({ project: p.dir }), () => undefined, { signal })],
    ] as const) {
      const err = await refusedBy(action());
      expect(err.code, words).toBe("invalid-input");
      expect(err.message, words).toContain(`Stagemaker will not ${words} this project's server.`);
    }
    // A pipeline whose second step is this project: refused before any step starts, naming the step.
    const clean = await project("guard-clean");
    const pipeline = join(root, "pipeline");
    await services["pipeline.create"]({ dir: pipeline, projects: [clean.dir, p.dir] }, { signal });
    const piped = await refusedBy(services["pipeline.run"]({ pipeline }, () => undefined, { signal }));
    expect(piped.message).toContain(`Step 2 (${p.manifest.name}, ${p.dir}): Stagemaker will not run this project.`);
    const plan = await services["export.plan"](ExportInput.parse({ project: p.dir, to: join(root, "exported") }), { signal });
    expect(plan.refusal).toContain("mymodel.Doubler");
    expect(existsSync(join(root, "exported"))).toBe(false);
    expect(await imageExists(p)).toBe(false);
  });

  it("a refused intake is kept across a restart, and a predictor generated for another model does not serve the refused one", async () => {
    const p = await project("guard-intake");
    writeFileSync(join(p.dir, "artifacts", "model.pkl"), ownClassPickle("their_package.models", "Scorer"));
    const planned = await refusedBy(services["model.plan"]({ project: p.dir, artifact: "model.pkl" }, () => undefined, { signal }));
    expect(planned.code).toBe("invalid-input");
    expect(existsSync(join(p.dir, ".stagemaker", "refusal.json"))).toBe(true);

    // A restart of the app: the refusal is read from the project, not from memory.
    await services.close();
    services = createServices(options);
    const r = await refusal(p);
    expect(r).toMatchObject({ cause: "refused-at-intake", artifact: "model.pkl" });
    expect(r!.message).toContain("artifacts/model.pkl was refused when Stagemaker read it: model.pkl: A pickle of something other than");
    expect(r!.message).toContain("the template's example predictor");

    // The project had served another model before: its generated predictor would answer instead.
    const earlier = "# generated for the model added before\nclass Predictor: ...\n";
    writeFileSync(join(p.dir, "model", "predictor.py"), earlier);
    await recordGenerated(p.dir, [{ path: "model/predictor.py", content: earlier }]);
    const instead = await refusal(p);
    expect(instead!.message).toContain("the predictor generated earlier for another model");
    expect(instead!.todo).toContain("remove artifacts/model.pkl (that alone serves the earlier model again)");
    expect((await refusedBy(services["build.run"]({ project: p.dir }, () => undefined, { signal }))).code).toBe("invalid-input");

    // Following that advice: the refused file removed, the earlier model is what the project serves.
    rmSync(join(p.dir, "artifacts", "model.pkl"));
    expect(await refusal(p)).toBeNull();
  });

  it("files that are not a model, an empty artifacts/ and a handler project are not refused", async () => {
    const p = await project("guard-data");
    expect(await refusal(p)).toBeNull();
    writeFileSync(join(p.dir, "artifacts", "weights.json"), JSON.stringify({ factor: 2 }));
    writeFileSync(join(p.dir, "artifacts", "vocabulary.txt"), "a\nb\n");
    expect(await refusal(p)).toBeNull();
    // A pickle whose globals run code is refused from its bytes: a model all the same.
    writeFileSync(
      join(p.dir, "artifacts", "evil.pkl"),
      Buffer.from("\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.", "latin1"),
    );
    expect((await refusal(p))!.message).toContain("a model Stagemaker refuses");
    // SageMaker script mode: the person's inference.py serves the model data.
    const manifest = JSON.parse(readFileSync(join(p.dir, "stagemaker.json"), "utf8"));
    manifest.env.push({ name: "SAGEMAKER_PROGRAM", value: "inference.py" });
    writeFileSync(join(p.dir, "stagemaker.json"), JSON.stringify(manifest, null, 2));
    expect(await refusal(p)).toBeNull();
  });

  it("a predictor the person wrote is built as written, beside the model the intake refused", async () => {
    const p = await project("guard-own");
    writeFileSync(join(p.dir, "artifacts", "model.pkl"), ownClassPickle());
    await refusedBy(services["model.plan"]({ project: p.dir, artifact: "model.pkl" }, () => undefined, { signal }));
    expect((await refusal(p))!.cause).toBe("refused-at-intake");
    await services["code.write"]({ project: p.dir, path: "model/predictor.py", content: OWN_PREDICTOR }, { signal });
    expect(await refusal(p)).toBeNull();
    const built = await services["build.run"]({ project: p.dir }, () => undefined, { signal });
    expect(built.tag).toBe(p.manifest.imageTag);
    expect(await imageExists(p)).toBe(true);
  });
});
