import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createServices } from "../core/services";
import { bindServices } from "../faces-common/binding";
import { servicesOptions } from "../faces-common/services-options";
import { startHost, type RunningHost } from "./host";
import { openBrowser } from "./open-browser";

/** Where this checkout's built renderer and icon are (scripts/renderer-build.ts builds dist-renderer/). */
const appRoot = resolve(import.meta.dirname, "../..");
const rendererDir = join(appRoot, "dist-renderer");

export interface BrowserFaceOptions {
  port?: number;
  workspaceDir?: string;
  stateDir?: string;
  open?: boolean;
}

/** Composition root of the browser face: the real core behind the 127.0.0.1 host. */
export async function runBrowserFace(opts: BrowserFaceOptions = {}): Promise<RunningHost> {
  const options = servicesOptions({ workspaceDir: opts.workspaceDir, stateDir: opts.stateDir });
  const services = createServices(options);
  const host = await startHost({
    binding: bindServices(services),
    rendererDir,
    iconPath: join(appRoot, "resources", "icon.png"),
    port: opts.port ?? 0,
  });
  const close = host.close;
  host.close = async () => {
    await close();
    await services.close();
  };
  console.log(`Stagemaker (browser face) is ready: ${host.url}`);
  console.log(`Workspace: ${options.workspaceDir}`);
  if (opts.open !== false && !openBrowser(host.url))
    console.log("Open the URL above in a browser on this machine (it only answers on 127.0.0.1).");
  // For scripts and the e2e fixtures: one machine-readable line.
  console.log(`STAGEMAKER_HOST_READY ${JSON.stringify({ url: host.url, origin: host.origin, token: host.token })}`);
  return host;
}

export function stopOnSignals(host: RunningHost): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      workspace: { type: "string" },
      state: { type: "string" },
      "no-open": { type: "boolean", default: false },
    },
  });
  const host = await runBrowserFace({
    port: Number(values.port),
    workspaceDir: values.workspace,
    stateDir: values.state,
    open: !values["no-open"],
  });
  stopOnSignals(host);
}
