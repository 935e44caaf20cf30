// The export.* channels: plan (writes nothing), run (with progress), and the last settings.
import { type DomainServices, examplesWarning, StagemakerError } from "../../contract";
import type { ProjectPorts } from "../run/project-ports";
import type { EngineAccess } from "../engine/engine-access";
import { checkExamples } from "../examples/examples-check";
import { buildImage } from "../build/build-image";
import type { BuildLock } from "../build/build-lock";
import type { BuildInputs } from "../settings/effective-settings";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { lastExportSettings, saveExportSettings } from "./export-settings";
import { planExport } from "./plan-export";
import { runExport } from "./run-export";
import { gitRunner } from "./target-repo";
import type { ServingGuard } from "../serving-guard";

export interface ExportDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** The images' build lock: an export that must build first never races a Build click. */
  lock: BuildLock;
  templateDir: string;
  /** The user's build settings (CA bundle, proxies, pip index), read at each build. */
  buildInputs: BuildInputs;
  /** The environment git runs with (the face's: credentials, SSH agent, HOME). */
  gitEnvironment?: NodeJS.ProcessEnv;
  /** The running containers' ports: the examples are replayed against the project's before an export. */
  ports?: ProjectPorts;
  /** Refuses a project whose model would not be the one served: an exported repo would build the same image. */
  guard: ServingGuard;
}

export function exportChannels({
  engine,
  work,
  lock,
  templateDir,
  buildInputs,
  gitEnvironment,
  ports,
  guard,
}: ExportDeps): DomainServices<"export"> {
  const running = new Set<string>();
  const docker = engine.docker;
  const gitIn = gitRunner(gitEnvironment);
  const examplesOf = async (dir: string, signal: AbortSignal) => checkExamples(dir, await ports?.portOf(dir), signal);
  return {
    "export.plan": async (input, ctx) => {
      const project = await openProjectDir(input.project);
      // A refused model is the plan's refusal (nothing would be written); any other error is the call's.
      const refused = await guard(project.dir, project.manifest, "export").then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof StagemakerError && err.code === "invalid-input") return err.message;
          throw err;
        },
      );
      const { plan } = await engine.use(() => planExport({ docker, templateDir, gitIn }, project, input, { signal: ctx.signal }));
      // The model's refusal comes first: nothing about the target matters until the model is the one served.
      return { ...plan, refusal: refused ?? plan.refusal, examples: await examplesOf(project.dir, ctx.signal) };
    },
    "export.run": async (input, emit, ctx) => {
      const project = await openProjectDir(input.project);
      await guard(project.dir, project.manifest, "export");
      if (running.has(project.dir)) throw new StagemakerError("conflict", "An export of this project is already running; wait for it.");
      running.add(project.dir);
      try {
        const build = (onLine: (line: string) => void, signal: AbortSignal) =>
          lock
            .hold(project.dir, async () =>
              buildImage(docker, project.dir, project.manifest, (e) => e.type === "log" && onLine(e.line), {
                signal,
                ...(await buildInputs()),
              }),
            )
            .then(() => undefined);
        const examples = await examplesOf(project.dir, ctx.signal);
        const warning = examplesWarning(examples);
        if (warning) emit({ type: "log", line: `warning: ${warning}` });
        const result = {
          ...(await work.track(ctx.signal, (signal) =>
            engine.use(() => runExport({ docker, templateDir, gitIn, build }, project, input, emit, signal)),
          )),
          examples,
        };
        const { project: _project, ...settings } = input;
        await saveExportSettings(project.dir, settings);
        return result;
      } finally {
        running.delete(project.dir);
      }
    },
    "export.lastSettings": async ({ project }) => lastExportSettings((await openProjectDir(project)).dir),
  };
}
