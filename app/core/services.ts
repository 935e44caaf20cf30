// The core's table of channels: each capability exports its handlers; this file only wires them together.
import type { Services } from "../contract";
import { artifactsChannels } from "./artifacts/artifacts-channels";
import { containersChannels } from "./containers/containers-channels";
import { ProjectPorts } from "./containers/project-ports";
import { openEngine } from "./engine/engine-access";
import { engineChannels } from "./engine/engine-channels";
import { exportChannels } from "./export/export-channels";
import type { EngineOptions } from "./engine/locate-engine";
import { filesChannels } from "./files/files-channels";
import { BuildLock } from "./images/build-lock";
import { imagesChannels } from "./images/images-channels";
import { intakeChannels } from "./intake/intake-channels";
import { InvocationHistories, invocationsChannels } from "./invocations/invocations-channels";
import { projectsChannels } from "./projects/projects-channels";
import { RecentProjects } from "./projects/recent-projects";
import { WorkInFlight } from "./work-in-flight";
import { checksChannels } from "./checks/checks-channels";
import { pipelinesChannels } from "./pipelines/pipelines-channels";
import { transformChannels } from "./transform/transform-channels";

/** Everything the core needs from outside; filled by app/faces-common/services-options.ts (the core reads no environment). */
export interface ServicesOptions {
  /** Where projects created by name go. */
  workspaceDir: string;
  /** Per-user state (recent projects). */
  stateDir: string;
  /** The server template new projects are copied from. */
  templateDir: string;
  /** PEM bundle of extra CA certificates copied into image builds. */
  extraCaCertsPath?: string;
  /** Where the engine is: an explicit host, or the docker CLI's variables in `env`. */
  docker?: EngineOptions;
  /** The environment git runs with when exporting (the user's credentials and SSH agent). */
  gitEnvironment?: NodeJS.ProcessEnv;
}

/**
 * Every channel of the contract, as a plain table. A capability adds its channels with one line,
 * `...<capability>Channels(deps)`, written in app/core/<capability>/<capability>-channels.ts; the
 * shared pieces below (engine, work in flight, ports, histories) are what those functions take.
 */
export function createServices(options: ServicesOptions): Services & { close(): Promise<void> } {
  const engine = openEngine(options.docker);
  const work = new WorkInFlight();
  const ports = new ProjectPorts(engine);
  const histories = new InvocationHistories();
  const recent = new RecentProjects(options.stateDir);
  const { extraCaCertsPath } = options;
  const buildLock = new BuildLock();

  return {
    ...engineChannels({ engine }),
    ...projectsChannels({ workspaceDir: options.workspaceDir, templateDir: options.templateDir, recent }),
    ...filesChannels(),
    ...artifactsChannels({ work }),
    ...imagesChannels({ engine, work, lock: buildLock, extraCaCertsPath }),
    ...containersChannels({ engine, work, ports, extraCaCertsPath }),
    ...invocationsChannels({ ports, histories }),
    ...transformChannels({ engine, work }),
    ...pipelinesChannels({ engine, work }),
    ...checksChannels({ engine }),
    ...exportChannels({ engine, work, lock: buildLock, templateDir: options.templateDir, extraCaCertsPath, gitEnvironment: options.gitEnvironment }),
    ...intakeChannels({ engine, work, templateDir: options.templateDir, extraCaCertsPath }),

    close: async () => {
      work.abortAll();
      await histories.flush();
    },
  };
}
