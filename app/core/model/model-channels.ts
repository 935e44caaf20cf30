// The model.* channels: inspect a host file, plan generated files from an artifact, apply them.
import { type Detection, type DomainServices, StagemakerError, UnpackLimits } from "../../contract";
import { ensureToolsImage } from "../diagnostics/tools-image";
import { personWrote } from "./file-status";
import { pinsOf } from "./introspect/framework-calls";
import type { EngineAccess } from "../engine/engine-access";
import type { BuildInputs } from "../settings/effective-settings";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { applyPlan } from "./apply-plan";
import { makeHandlerProject } from "./handler/handler-project";
import { inspectFile } from "./inspect-file";
import { planModel } from "./plan-model";
import { modelRefusal } from "./refusal/model-refusal";
import { clearRefusal, recordRefusal } from "./refusal/refusal-record";

export interface ModelDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** The server template: its files tell a template file from one the person changed. */
  templateDir: string;
  /** The user's build settings (CA bundle, proxies, pip index), read at each plan. */
  buildInputs: BuildInputs;
  limits?: UnpackLimits;
}

export function modelChannels(d: ModelDeps): DomainServices<"model"> {
  const limits = d.limits ?? UnpackLimits.parse({});
  return {
    "model.inspect": async ({ path }, ctx) => ({ detections: await inspectFile(path, limits, ctx.signal) }),
    "model.plan": async ({ project, artifact, frameworkVersion }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      let unpacked: string[] = [];
      const onFiles = (files: string[]) => (unpacked = files);
      try {
        return await d.work.track(ctx.signal, (signal) =>
          d.engine.use(async () =>
            planModel(
              { docker: d.engine.docker, templateDir: d.templateDir, build: await d.buildInputs(), limits },
              dir,
              manifest,
              artifact,
              emit,
              signal,
              { frameworkVersion, onFiles },
            ),
          ),
        );
      } catch (err) {
        // A refusal (what, why, what to do) is kept, so no face builds the project around the refused model.
        if (err instanceof StagemakerError && err.code === "invalid-input") {
          const detected = (err.detail as { detection?: Detection } | undefined)?.detection?.file;
          await recordRefusal(dir, artifact, detected ? [detected] : unpacked, err.message);
        }
        throw err;
      }
    },
    "model.apply": async ({ project, files, overwrite }) => {
      const { dir } = await openProjectDir(project);
      const applied = await applyPlan(dir, d.templateDir, files, overwrite);
      if (files.some((f) => f.path === "model/predictor.py")) await clearRefusal(dir);
      return applied;
    },
    "model.refusal": async ({ project }) => {
      const { dir, manifest } = await openProjectDir(project);
      return modelRefusal(dir, manifest, d.templateDir);
    },
    "model.handler": async ({ project, artifact, onlyIfScript }, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      const pins = (model: Detection, signal?: AbortSignal) =>
        d.engine.use(async () => {
          const build = await d.buildInputs();
          const image = await ensureToolsImage(
            d.engine.docker,
            { projectDir: dir, templateDir: d.templateDir, extraCaCertsPath: build.extraCaCertsPath, buildArgs: build.buildArgs },
            signal,
          );
          const requirementsTxt = await personWrote(dir, d.templateDir, "requirements.txt");
          return pinsOf(d.engine.docker, { image, templateDir: d.templateDir }, model, { requirementsTxt }, signal);
        });
      const handler = await makeHandlerProject(
        { templateDir: d.templateDir, limits, pins },
        dir,
        manifest,
        artifact,
        ctx.signal,
        onlyIfScript,
      );
      if (handler) await clearRefusal(dir); // the person's inference.py serves the model data now
      return handler;
    },
  };
}
