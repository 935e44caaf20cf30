// The core's options for a test, from the test process's environment: what a face's composition root
// (app/faces-common/services-options.ts) would pass, without the core's tests importing a face.
import { homedir } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServicesOptions, SYSTEM_CA_BUNDLES } from "../services";

export interface TestFolders {
  workspaceDir: string;
  stateDir: string;
  /** Default: the repository's server-template/. */
  templateDir?: string;
}

const repoTemplate = () => fileURLToPath(new URL("../../../server-template", import.meta.url));

/** Folders as given; CA bundles, proxies, pip's index, the engine's address and git's environment from `env`. */
export function testServicesOptions(folders: TestFolders, env: NodeJS.ProcessEnv = process.env): ServicesOptions {
  return {
    workspaceDir: resolve(folders.workspaceDir),
    stateDir: resolve(folders.stateDir),
    templateDir: resolve(folders.templateDir ?? repoTemplate()),
    environment: { env: { ...env }, systemCaBundles: SYSTEM_CA_BUNDLES },
    homeDir: homedir(),
    docker: { env },
    // Never a terminal prompt nobody would answer.
    gitEnvironment: { ...env, GIT_TERMINAL_PROMPT: "0" },
  };
}
