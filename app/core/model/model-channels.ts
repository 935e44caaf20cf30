// The intake.* channels: inspect a host file, plan generated files from an artifact, apply them.
import { type Detection, type DomainServices, UnpackLimits } from "../../contract";
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
import { planIntake } from "./plan-intake";

export interface IntakeDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** The server template: its files tell a template file from one the person changed. */
  templateDir: string;
  /** The user's build settings (CA bundle, proxies, pip index), read at each plan. */
  buildInputs: BuildInputs;
  limits?: UnpackLimits;
}

export function modelChannels(d: IntakeDeps): DomainServices<"intake"> {
  const limits = d.limits ?? UnpackLimits.parse({});
  return {
    "intake.inspect": async ({ path }, ctx) => ({ detections: await inspectFile(path, limits, ctx.signal) }),
    "intake.plan": async ({ project, artifact, frameworkVersion }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      return d.work.track(ctx.signal, (signal) =>
        d.engine.use(async () =>
          planIntake(
            { docker: d.engine.docker, templateDir: d.templateDir, build: await d.buildInputs(), limits },
            dir,
            manifest,
            artifact,
            emit,
            signal,
            { frameworkVersion },
          ),
        ),
      );
    },
    "intake.apply": async ({ project, files, overwrite }) =>
      applyPlan((await openProjectDir(project)).dir, d.templateDir, files, overwrite),
    "intake.handler": async ({ project, artifact, onlyIfScript }, ctx) => {
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
      return makeHandlerProject({ templateDir: d.templateDir, limits, pins }, dir, manifest, artifact, ctx.signal, onlyIfScript);
    },
  };
}
