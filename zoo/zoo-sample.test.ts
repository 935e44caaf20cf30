// `npm test`'s share of the zoo: a fixed sample (one model per framework and per file format)
// trained at test time, each through new --from → build → run → invoke (CSV and JSON) on the real
// engine. Each must answer like its framework's own predict(); the whole zoo is `npm run zoo`.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ModelResult } from "./check-model";
import { SAMPLE } from "./sample";
import { zooTable } from "./zoo-table";
import { type ZooRun, runZoo } from "./zoo-run";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
let run: ZooRun | undefined;

beforeAll(async () => {
  run = await runZoo({
    workDir: join(tmpdir(), `stagemaker-zoo-test-${process.getuid?.() ?? "user"}`),
    only: SAMPLE,
    prefix: "zoo-test-",
    say: (line) => process.stderr.write(`zoo: ${line}\n`),
  });
  process.stderr.write(`${zooTable(run.results)}\nzoo sample: ${run.seconds} s\n`);
}, 2_400_000 * factor);

describe("the zoo's sample through the real CLI and engine", () => {
  it("trains every model of the sample", () => {
    expect(run?.untrained).toEqual({});
  });

  it.each(SAMPLE)("%s answers like its framework's own predict() in CSV and JSON", (name) => {
    const r = run?.results.find((x) => x.name === name);
    expect(r, `${name} was trained and checked`).toBeDefined();
    const { verdict, reason } = r as ModelResult;
    expect({ verdict, reason }).toEqual({ verdict: "right", reason: "" });
  });
});
