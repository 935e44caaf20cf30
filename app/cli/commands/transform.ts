// `stagemaker transform`: a local batch transform job on a project or a pipeline folder.
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { TransformEvent, TransformResult } from "../../contract";
import { openCli } from "../open-cli";
import { mb, secs } from "../render-events";

export function registerTransformCommand(program: Command, json: () => boolean): void {
  program
    .command("transform")
    .description(
      "run a batch transform (SageMaker's CreateTransformJob semantics) over a file or folder; uses the running container or starts its own",
    )
    .argument("<dir>", "project folder or pipeline folder")
    .requiredOption("--input <path>", "input file, or folder whose files are all transformed")
    .requiredOption("--output <dir>", "folder for the <input name>.out files")
    .option("--content-type <type>", "ContentType of the records", "text/csv")
    .option("--accept <type>", "Accept: the type of the answers")
    .addOption(new Option("--split-type <type>", "how records are cut").choices(["None", "Line"]).default("Line"))
    .addOption(new Option("--compression-type <type>", "input compression").choices(["None", "Gzip"]).default("None"))
    .addOption(
      new Option("--batch-strategy <strategy>", "records per request (default: the container's answer, else MultiRecord)").choices([
        "SingleRecord",
        "MultiRecord",
      ]),
    )
    .addOption(new Option("--max-payload-mb <n>", "MaxPayloadInMB (default: the container's answer, else 6)").argParser(Number))
    .addOption(
      new Option("--max-concurrent-transforms <n>", "parallel requests (default: the container's answer, else 1)").argParser(Number),
    )
    .addOption(new Option("--join-source <source>", "join each answer with its input record").choices(["None", "Input"]).default("None"))
    .option("--input-filter <jsonpath>", "InputFilter, e.g. '$[1:]' or '$.features'", "$")
    .option("--output-filter <jsonpath>", "OutputFilter, e.g. '$[0,-1]'", "$")
    .addOption(new Option("--assemble-with <how>", "Line: a newline after each record").choices(["None", "Line"]).default("Line"))
    .addOption(
      new Option("--on-failure <rule>", "stop at the first failed request (SageMaker), or continue and report all")
        .choices(["stop", "continue"])
        .default("stop"),
    )
    .action(async (dir: string, o: Record<string, string | number | undefined>) => {
      const cli = await openCli(json());
      let last = 0;
      const r = await cli.stream(
        "transform.run",
        {
          target: resolve(dir),
          input: resolve(String(o.input)),
          output: resolve(String(o.output)),
          contentType: o.contentType as string,
          accept: o.accept as string | undefined,
          splitType: o.splitType as "None" | "Line",
          compressionType: o.compressionType as "None" | "Gzip",
          batchStrategy: o.batchStrategy as "SingleRecord" | "MultiRecord" | undefined,
          maxPayloadInMB: o.maxPayloadMb as number | undefined,
          maxConcurrentTransforms: o.maxConcurrentTransforms as number | undefined,
          joinSource: o.joinSource as "None" | "Input",
          inputFilter: o.inputFilter as string,
          outputFilter: o.outputFilter as string,
          assembleWith: o.assembleWith as "None" | "Line",
          onFailure: o.onFailure as "stop" | "continue",
        },
        (e) => {
          // Progress once a second on a terminal line; the rest as it happens.
          if (e.type === "progress" && Date.now() - last < 1000) return;
          if (e.type === "progress") last = Date.now();
          cli.say(transformEventLine(e));
        },
      );
      await cli.finish(r, transformResultText(r), r.status === "Completed" ? 0 : r.status === "Stopped" ? 130 : 12);
    });
}

export function transformEventLine(e: TransformEvent): string {
  switch (e.type) {
    case "starting":
      return e.message;
    case "settings": {
      const s = e.settings;
      return `${e.files} file(s); ${s.batchStrategy} (${s.source.batchStrategy}), MaxPayloadInMB ${s.maxPayloadInMB} (${s.source.maxPayloadInMB}), MaxConcurrentTransforms ${s.maxConcurrentTransforms} (${s.source.maxConcurrentTransforms}); ${s.endpoint}`;
    }
    case "progress": {
      const p = e.progress;
      const pct = p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
      return `${pct}% ${p.records} records, ${mb(p.bytesDone)} of ${mb(p.bytesTotal)}, ${Math.round(p.recordsPerSecond)} records/s, ETA ${p.etaSeconds === null ? "?" : `${p.etaSeconds} s`}`;
    }
    case "file-done":
      return e.output ? `${e.file}: ${e.records} records → ${e.output}` : `${e.file}: failed, no .out written`;
    case "failure":
      return failureLine(e.failure);
  }
}

const failureLine = (f: TransformResult["failures"][number]) =>
  `FAILED ${f.file} records ${f.firstRecord}–${f.lastRecord}: ${f.message}${f.body ? `\n    ${f.body.slice(0, 300).replace(/\n/g, "\n    ")}` : ""}`;

export function transformResultText(r: TransformResult): string {
  const p = r.progress;
  const head = `${r.status}: ${p.records} records in ${p.requests} requests, ${secs(p.elapsedMs)} (${Math.round(p.recordsPerSecond)} records/s)`;
  const files = r.files.map((f) => `  ${f.output ?? `${f.input} (no output)`}`);
  return [head, ...files, ...r.failures.map(failureLine)].join("\n");
}
