// `stagemaker settings`: show the per-user build settings with their sources, or change them.
import type { Command } from "commander";
import type { SettingsView, UserSettings } from "../../contract";
import { openCli } from "../open-cli";

export function settingsText(view: SettingsView): string {
  const rows = Object.entries(view.effective).map(([name, v]) => `  ${name.padEnd(17)} ${v.value ?? "-"}  (${v.source})`);
  return [
    `Settings file: ${view.file}`,
    ...rows,
    `  restartAfterBuild ${view.saved.restartAfterBuild}`,
    `  keepRunningAfterQuit ${view.saved.keepRunningAfterQuit ?? false}`,
    `Detected CA bundles: ${view.detectedCaBundles.map((d) => `${d.path} (${d.source})`).join(", ") || "none"}`,
  ].join("\n");
}

interface Opts {
  caBundle?: string;
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  pipIndexUrl?: string;
  pipExtraIndexUrl?: string;
  restartAfterBuild?: boolean;
  keepRunningAfterQuit?: boolean;
}

/** An empty string clears a field, so it falls back to the environment again. */
function apply(saved: UserSettings, o: Opts): UserSettings {
  const next: UserSettings = { ...saved };
  if (o.caBundle !== undefined) {
    if (o.caBundle === "auto" || o.caBundle === "none") next.caBundleMode = o.caBundle;
    else Object.assign(next, { caBundleMode: "file", caBundlePath: o.caBundle });
  }
  for (const key of ["httpProxy", "httpsProxy", "noProxy", "pipIndexUrl", "pipExtraIndexUrl"] as const)
    if (o[key] !== undefined) next[key] = o[key] || undefined;
  if (o.restartAfterBuild !== undefined) next.restartAfterBuild = o.restartAfterBuild;
  if (o.keepRunningAfterQuit !== undefined) next.keepRunningAfterQuit = o.keepRunningAfterQuit;
  return next;
}

export function registerSettings(program: Command, json: () => boolean): void {
  program
    .command("settings")
    .description("per-user build settings (CA bundle, proxies, pip index): show them with their sources, or change them")
    .option("--ca-bundle <path|auto|none>", "CA bundle added to builds: a PEM file, auto-detect, or none")
    .option("--http-proxy <url>", "HTTP_PROXY for builds ('' to fall back to the environment)")
    .option("--https-proxy <url>", "HTTPS_PROXY for builds")
    .option("--no-proxy-for <hosts>", "NO_PROXY for builds")
    .option("--pip-index-url <url>", "pip's index URL for builds")
    .option("--pip-extra-index-url <url>", "pip's extra index URL for builds")
    .option("--restart-after-build <yes|no>", "the app restarts a running project with a newly built image")
    .option("--keep-running-after-quit <yes|no>", "quitting the app leaves the project servers it started running (no: they stop with it)")
    .action(async (raw: Opts & { noProxyFor?: string; restartAfterBuild?: string | boolean; keepRunningAfterQuit?: string | boolean }) => {
      const cli = await openCli(json());
      const yes = (v: string | boolean | undefined) => (v === undefined ? undefined : /^(yes|true|1|on)$/i.test(String(v)));
      const opts: Opts = {
        ...raw,
        noProxy: raw.noProxyFor,
        restartAfterBuild: yes(raw.restartAfterBuild),
        keepRunningAfterQuit: yes(raw.keepRunningAfterQuit),
      };
      const current = await cli.call("settings.get", {});
      const changes = Object.values(opts).some((v) => v !== undefined);
      const view = changes ? await cli.call("settings.save", apply(current.saved, opts)) : current;
      await cli.finish(view, settingsText(view));
    });
}
