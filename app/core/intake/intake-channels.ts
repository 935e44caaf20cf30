// The intake channels, given what they need by the composition root.
import type Docker from "dockerode";
import { type Services, UnpackLimits } from "../../contract";
import { openProjectDir } from "../project-dir";
import { applyPlan } from "./apply-plan";
import { inspectFile } from "./inspect-file";
import { planIntake } from "./plan-intake";

export interface IntakeChannelDeps {
  docker: Docker;
  templateDir: string;
  /** Wraps engine work so an unreachable engine becomes the usual error. */
  engine: <T>(work: () => Promise<T>) => Promise<T>;
  track: <T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  extraCaCertsPath?: string;
  limits?: UnpackLimits;
}

export function intakeChannels(d: IntakeChannelDeps): Pick<Services, "intake.inspect" | "intake.plan" | "intake.apply"> {
  const limits = d.limits ?? UnpackLimits.parse({});
  return {
    "intake.inspect": async ({ path }, ctx) => ({ detections: await inspectFile(path, limits, ctx.signal) }),
    "intake.plan": async ({ project, artifact }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      return d.track(ctx.signal, (signal) =>
        d.engine(() => planIntake({ docker: d.docker, templateDir: d.templateDir, extraCaCertsPath: d.extraCaCertsPath, limits }, dir, manifest, artifact, emit, signal)),
      );
    },
    "intake.apply": async ({ project, files, overwrite }) => applyPlan((await openProjectDir(project)).dir, d.templateDir, files, overwrite),
  };
}
