// `stagemaker examples save|list|remove|accept` and `stagemaker test`: saved examples as regression tests from the command line.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ExampleOutcome, ExamplesReport } from "../../contract";
import type { openCli } from "../cli-context";
import { exitCodes } from "../exit-codes";

/** test: at least one example failed. */
export const EXIT_EXAMPLES_FAILED = 12;

function readData(data: string): string {
  if (!data.startsWith("@")) return data;
  try {
    return readFileSync(data.slice(1), "utf8");
  } catch (err) {
    process.stderr.write(`error: cannot read ${data.slice(1)}: ${(err as Error).message}\n`);
    process.exit(exitCodes["not-found"]);
  }
}

function outcomeText(o: ExampleOutcome): string {
  if (o.passed) return `  ok    ${o.name} (${o.ms} ms)`;
  const lines = [`  FAIL  ${o.name} (examples/${o.file})`];
  for (const d of o.differences.slice(0, 10)) lines.push(`        at ${d.path || "(body)"}: expected ${d.expected}, got ${d.got}`);
  if (o.differences.length > 10) lines.push(`        … and ${o.differences.length - 10} more differences`);
  if (o.got.status !== undefined)
    lines.push(`        if the new answer is right: stagemaker examples accept DIR --name ${JSON.stringify(o.name)}`);
  return lines.join("\n");
}

export function reportText(r: ExamplesReport): string {
  return [...r.outcomes.map(outcomeText), `${r.passed} passed, ${r.failed} failed`].join("\n");
}

export function registerExampleCommands(program: Command, cli: () => Promise<ReturnType<typeof openCli>>) {
  const examples = program.command("examples").description("saved requests with their expected answers, under the project's examples/");

  examples
    .command("save")
    .description("send a request to the running container and keep its answer as the expected one")
    .argument("<dir>", "project folder")
    .requiredOption("--name <name>", "the example's name (its file is examples/<name>.json)")
    .requiredOption("-d, --data <json|@file>", "request body, or @path to read it from a file")
    .option("--content-type <type>", "Content-Type of the body", "application/json")
    .option("--accept <type>", "Accept header")
    .option("--custom-attributes <text>", "X-Amzn-SageMaker-Custom-Attributes")
    .option("--path <path>", "/invocations or /v1/models/NAME:predict", "/invocations")
    .option("--abs <tolerance>", "absolute float tolerance", Number)
    .option("--rel <tolerance>", "relative float tolerance", Number)
    .option("--ignore <paths...>", "JSON paths left out of the comparison, e.g. predictions.*.id")
    .option("--overwrite", "replace an example of the same name")
    .action(
      async (
        dir: string,
        opts: {
          name: string;
          data: string;
          contentType: string;
          accept?: string;
          customAttributes?: string;
          path: string;
          abs?: number;
          rel?: number;
          ignore?: string[];
          overwrite?: boolean;
        },
      ) => {
        const c = await cli();
        const match = {
          ...(opts.abs !== undefined ? { floatAbs: opts.abs } : {}),
          ...(opts.rel !== undefined ? { floatRel: opts.rel } : {}),
          ...(opts.ignore ? { ignore: opts.ignore } : {}),
        };
        const e = await c.call("examples.save", {
          project: resolve(dir),
          name: opts.name,
          request: {
            path: opts.path,
            contentType: opts.contentType,
            accept: opts.accept,
            customAttributes: opts.customAttributes,
            body: readData(opts.data),
          },
          match,
          overwrite: Boolean(opts.overwrite),
        });
        await c.finish(
          e,
          `Saved examples/${e.file}: expects ${e.expected.status}${e.expected.contentType ? ` ${e.expected.contentType}` : ""}\n${e.expected.body.slice(0, 400)}`,
        );
      },
    );

  examples
    .command("list")
    .description("the project's saved examples")
    .argument("<dir>", "project folder")
    .action(async (dir: string) => {
      const c = await cli();
      const list = await c.call("examples.list", { project: resolve(dir) });
      await c.finish(
        list,
        list.length
          ? list
              .map((e) => `${e.name}\texamples/${e.file}\tPOST ${e.request.path} ${e.request.contentType} → ${e.expected.status}`)
              .join("\n")
          : "No examples yet.",
      );
    });

  examples
    .command("remove")
    .description("delete a saved example")
    .argument("<dir>", "project folder")
    .requiredOption("--name <name>", "the example's name")
    .action(async (dir: string, opts: { name: string }) => {
      const c = await cli();
      await c.finish(await c.call("examples.remove", { project: resolve(dir), name: opts.name }), `Removed ${opts.name}`);
    });

  examples
    .command("accept")
    .description("send a saved example now and keep the answer as its new expected one (when a change to the model was meant)")
    .argument("<dir>", "project folder")
    .requiredOption("--name <name>", "the example's name")
    .action(async (dir: string, opts: { name: string }) => {
      const c = await cli();
      const e = await c.call("examples.accept", { project: resolve(dir), name: opts.name });
      await c.finish(
        e,
        `examples/${e.file} now expects ${e.expected.status}${e.expected.contentType ? ` ${e.expected.contentType}` : ""}\n${e.expected.body.slice(0, 400)}`,
      );
    });

  program
    .command("test")
    .description("replay every saved example against the running container; exits non-zero when any fails")
    .argument("<dir>", "project folder")
    .option("--name <names...>", "only these examples")
    .action(async (dir: string, opts: { name?: string[] }) => {
      const c = await cli();
      const r = await c.call("examples.run", { project: resolve(dir), names: opts.name });
      await c.finish(r, reportText(r), r.failed ? EXIT_EXAMPLES_FAILED : 0);
    });
}
