// The intake.* channels: inspect a host file, plan generated files from an artifact, apply them.
import { type DomainServices, UnpackLimits } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { applyPlan } from "./apply-plan";
import { inspectFile } from "./inspect-file";
import { planIntake } from "./plan-intake";

export interface IntakeDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** The server template: its files tell a template file from one the person changed. */
  templateDir: string;
  extraCaCertsPath?: string;
  limits?: UnpackLimits;
}

export function intakeChannels(d: IntakeDeps): DomainServices<"intake"> {
  const limits = d.limits ?? UnpackLimits.parse({});
  return {
    "intake.inspect": async ({ path }, ctx) => ({ detections: await inspectFile(path, limits, ctx.signal) }),
    "intake.plan": async ({ project, artifact }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      return d.work.track(ctx.signal, (signal) =>
        d.engine.use(() =>
          planIntake({ docker: d.engine.docker, templateDir: d.templateDir, extraCaCertsPath: d.extraCaCertsPath, limits }, dir, manifest, artifact, emit, signal),
        ),
      );
    },
    "intake.apply": async ({ project, files, overwrite }) => applyPlan((await openProjectDir(project)).dir, d.templateDir, files, overwrite),
  };
}
