// `npm run zoo`: every zoo model through the real CLI on the real engine; prints the table and
// exits non-zero when any model is served wrong (or the trainer could not make one).
//
//   npm run zoo -- [--match REGEX] [--only NAME,NAME] [--sample] [--concurrency 2] [--prefix zoo-]
//                  [--work DIR] [--keep] [--json FILE]
//   npm run zoo -- --train-only [--only …]     train (or reuse) the zoo and print its folder, e.g. for pytest
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { join } from "node:path";
import type { ModelResult } from "./check-model";
import { SAMPLE } from "./sample";
import { trainZoo } from "./trainer";
import { zooTable, summarize, summaryLine } from "./zoo-table";
import { defaultWorkDir, runZoo } from "./zoo-run";

const { values } = parseArgs({
  options: {
    match: { type: "string" },
    only: { type: "string" },
    sample: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
    prefix: { type: "string", default: "zoo-" },
    work: { type: "string" },
    keep: { type: "boolean", default: false },
    json: { type: "string" },
    "train-only": { type: "boolean", default: false },
  },
});

const only = values.sample ? SAMPLE : values.only?.split(",").filter(Boolean);
const say = (line: string) => process.stderr.write(`zoo: ${line}\n`);
if (values["train-only"]) {
  const zoo = await trainZoo(join(values.work ?? defaultWorkDir(), "models"), say, only);
  for (const [name, error] of Object.entries(zoo.failures)) say(`not trained: ${name}: ${error}`);
  process.stdout.write(`${zoo.dir}\n`);
  process.exit(Object.keys(zoo.failures).length ? 1 : 0);
}
// Ctrl-C or SIGTERM: print the table of the models checked so far (the projects under way are left
// to the engine's clean-up by label: their containers carry com.stagemaker.project).
const checked: ModelResult[] = [];
const interrupted = () => {
  process.stdout.write(`${zooTable(checked)}\n\ninterrupted: ${checked.length} models checked\n`);
  process.exit(1);
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
const run = await runZoo({
  workDir: values.work ?? defaultWorkDir(),
  only,
  match: values.match ? new RegExp(values.match) : undefined,
  concurrency: Number(values.concurrency) || 2,
  prefix: values.prefix,
  keep: values.keep,
  say,
  onResult: (r) => checked.push(r),
});
const summary = summarize(run.results, Object.keys(run.untrained).length);
process.stdout.write(zooTable(run.results) + "\n\n");
for (const [name, error] of Object.entries(run.untrained)) process.stdout.write(`not trained: ${name}: ${error}\n`);
process.stdout.write(summaryLine(summary, run.seconds) + "\n");
if (values.json) await writeFile(values.json, JSON.stringify({ ...run, summary }, null, 2));
process.exit(summary.wrong === 0 && summary.untrained === 0 && run.results.length > 0 ? 0 : 1);
