// `stagemaker schemas <dir>`: the Instance and Prediction JSON Schemas as the project's Python reports them.
import { resolve } from "node:path";
import type { Command } from "commander";
import type { openCli } from "../cli-context";

export function registerSchemaCommands(program: Command, cli: () => Promise<ReturnType<typeof openCli>>) {
  program
    .command("schemas")
    .description("print the Instance and Prediction JSON Schemas, read by Python in the project's image")
    .argument("<dir>", "project folder")
    .option("--refresh", "read again even when model/ is unchanged")
    .action(async (dir: string, opts: { refresh?: boolean }) => {
      const c = await cli();
      const s = await c.call("schemas.read", { project: resolve(dir), refresh: Boolean(opts.refresh) });
      const notes = [
        `# read by pydantic ${s.pydantic} in ${s.readFrom === "container" ? "the running container" : `the image ${s.image}`} (${s.readMs} ms)`,
        ...(s.stale ? [`# ${s.stale.reason}`] : []),
        ...(["instance", "prediction"] as const)
          .filter((k) => !s.sources[k].editable)
          .map((k) => `# model/${k}.py: the field table is read-only (${s.sources[k].problems.join("; ")})`),
      ];
      await c.finish(s, `${notes.join("\n")}\n${JSON.stringify({ instance: s.instance, prediction: s.prediction }, null, 2)}`);
    });
}
