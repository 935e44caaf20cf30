// The one composition root of the faces: fills the core's ServicesOptions from flags, variables and defaults.
import envPaths from "env-paths";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServicesOptions, SYSTEM_CA_BUNDLES } from "../core/services";

/**
 * The variables every face reads — the only place any of them is read (the core reads none).
 * README.md lists them; a flag given on a face (e.g. `--workspace`) wins over its variable.
 */
export const environmentVariables = {
  STAGEMAKER_WORKSPACE: "Folder where projects created by name go (default ~/Stagemaker).",
  STAGEMAKER_STATE_DIR:
    "Folder for per-user state such as recent projects (default: the platform's config folder, e.g. ~/.config/stagemaker).",
  STAGEMAKER_TEMPLATE_DIR: "The server template new projects are copied from (default: the one shipped with the app).",
  STAGEMAKER_EXTRA_CA_CERTS:
    "PEM bundle of extra CA certificates for image builds (TLS-inspecting proxies): the first place the CA auto-detection looks, before SSL_CERT_FILE, REQUESTS_CA_BUNDLE, PIP_CERT, NODE_EXTRA_CA_CERTS and the system bundle; Settings can pick another or none.",
  HTTP_PROXY: "With HTTPS_PROXY and NO_PROXY (either case): proxies passed to image builds unless Settings give others.",
  PIP_INDEX_URL: "With PIP_EXTRA_INDEX_URL: pip's index for image builds unless Settings give another.",
  STAGEMAKER_NO_BROWSER: "1 keeps the browser face from opening a browser (scripts, e2e).",
  DOCKER_HOST:
    "The engine, as the docker CLI reads it; with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for TLS engines; DOCKER_CONTEXT and DOCKER_CONFIG pick a docker context.",
} as const;

export interface ServicesFlags {
  workspaceDir?: string;
  stateDir?: string;
  templateDir?: string;
}

/** Where the app itself is: the Electron bundle's template lives elsewhere when packaged. */
export interface FaceDefaults {
  templateDir?: string;
}

const shippedTemplate = () => fileURLToPath(new URL("../../server-template", import.meta.url));

/** The folders and settings of the core, from flags, then STAGEMAKER_* variables, then env-paths defaults. */
export function servicesOptions(
  flags: ServicesFlags = {},
  env: NodeJS.ProcessEnv = process.env,
  defaults: FaceDefaults = {},
): ServicesOptions {
  const paths = envPaths("stagemaker", { suffix: "" });
  return {
    workspaceDir: resolve(flags.workspaceDir ?? env.STAGEMAKER_WORKSPACE ?? resolve(homedir(), "Stagemaker")),
    stateDir: resolve(flags.stateDir ?? env.STAGEMAKER_STATE_DIR ?? paths.config),
    templateDir: resolve(flags.templateDir ?? env.STAGEMAKER_TEMPLATE_DIR ?? defaults.templateDir ?? shippedTemplate()),
    // What per-user settings fall back to: CA bundles, proxies and pip's index from the environment.
    environment: { env: { ...env }, systemCaBundles: SYSTEM_CA_BUNDLES },
    homeDir: homedir(),
    // The docker CLI's own variables (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH…).
    docker: { env },
    // git for export: the user's environment, but never a terminal prompt nobody would see.
    gitEnvironment: { ...env, GIT_TERMINAL_PROMPT: "0" },
  };
}
