// `stagemaker schemas <dir>`: the Instance and Prediction JSON Schemas as the project's Python reports them;
// with --table, the Schemas tab's field table written as pydantic by Python (the tab's CLI twin).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { openCli } from "../cli-context";

const readTable = async (file: string) => JSON.parse(file === "-" ? await readStdin() : await readFile(resolve(file), "utf8")) as unknown;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function registerSchemaCommands(program: Command, cli: () => Promise<ReturnType<typeof openCli>>) {
  program
    .command("schemas")
    .description(
      "print the Instance and Prediction JSON Schemas, read by Python in the project's image; or write a field table as pydantic",
    )
    .argument("<dir>", "project folder")
    .option("--refresh", "read again even when model/ is unchanged")
    .option(
      "--table <file>",
      "a field table as JSON (the Schemas tab's, see app/contract/schemas.ts) to write as model/<model>.py; - reads stdin",
    )
    .option("--model <which>", "with --table: instance or prediction", "instance")
    .option("--preview", "with --table: print the code Python writes, save nothing (works before the first build)")
    .action(async (dir: string, opts: { refresh?: boolean; table?: string; model: string; preview?: boolean }) => {
      const c = await cli();
      if (opts.table) {
        // The contract parses the table and `which` (a bad one is refused with the field named).
        const input = { project: resolve(dir), which: opts.model as "instance", spec: (await readTable(opts.table)) as never };
        const code = await c.call(opts.preview ? "schemas.code" : "schemas.writeModel", input);
        await c.finish(code, opts.preview ? code.code.trimEnd() : `wrote ${code.path}`);
      }
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
