// `stagemaker load DIR`: the load test of the project's running container (progress on stderr).
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { LoadBody, LoadInput } from "../../contract";
import { openCli } from "../open-cli";
import { loadReportText, regressions } from "./load-text";

/** --compare: throughput fell or p99 rose beyond the threshold against the previous build's run. */
export const EXIT_LOAD_REGRESSION = 16;

const list = (v: string) => {
  const n = v.split(",").map((x) => Number(x.trim()));
  if (n.some((x) => !Number.isInteger(x) || x < 1)) throw new InvalidArgumentError("give connection counts like 1,4,16");
  return n;
};
/** "5s", "500ms", "2m", or plain seconds. */
export const seconds = (v: string) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError("give a duration like 5s, 1m or 500ms");
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : n;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("give a positive number");
  return n;
};

interface Options {
  concurrency?: number[];
  duration?: number;
  maxRequests?: number;
  rate?: number;
  timeout?: number;
  data?: string;
  contentType?: string;
  example?: string;
  instances?: number;
  targetRps?: number;
  p99Budget?: number;
  compare?: number | true;
}

export function registerLoadCommand(program: Command, json: () => boolean): void {
  program
    .command("load")
    .description(
      "load-test the project's running container (loopback only): a concurrency sweep with latency percentiles, where the time goes, CPU/memory and a sizing estimate; saved in .stagemaker/load/",
    )
    .argument("<dir>", "project folder")
    .addOption(new Option("--concurrency <list>", "connections per step, e.g. 1,4,16 (default 1,2,4,8,16,32)").argParser(list))
    .addOption(new Option("--duration <time>", "per step, e.g. 5s, 1m (default 10s)").argParser(seconds))
    .addOption(new Option("--max-requests <n>", "per step, at most (default 200000)").argParser(Number))
    .addOption(new Option("--rate <n>", "a target rate in requests/s instead of as fast as it answers").argParser(Number))
    .addOption(new Option("--timeout <seconds>", "per request (default 10)").argParser(Number))
    .option("-d, --data <json|@file>", "request body, or @path of a file (.json, .csv, .npy; default: the first saved example)")
    .option("--content-type <type>", "Content-Type of --data (a file's comes from its extension)")
    .option("--example <name>", "send this saved example's request")
    .addOption(new Option("--instances <n>", "instances per request (the body's repeated)").argParser(Number))
    .addOption(new Option("--target-rps <n>", "traffic to size for (the sizing hint)").argParser(positive))
    .addOption(new Option("--p99-budget <ms>", "p99 latency budget for the sizing hint (default 100)").argParser(positive))
    .addOption(
      new Option(
        "--compare [percent]",
        `exit ${EXIT_LOAD_REGRESSION} when best throughput fell or p99 rose more than percent (default 10) against the previous build's run`,
      ).argParser(positive),
    )
    .action(async (dir: string, o: Options) => {
      const cli = await openCli(json());
      const input: LoadInput = {
        project: resolve(dir),
        body: bodyOf(o),
        concurrency: o.concurrency,
        durationSeconds: o.duration,
        maxRequestsPerStep: o.maxRequests,
        ratePerSecond: o.rate,
        timeoutSeconds: o.timeout,
        instancesPerRequest: o.instances,
        targetRps: o.targetRps,
        p99BudgetMs: o.p99Budget,
      };
      const r = await cli.stream("load.run", input, (e) =>
        cli.say(
          e.type === "starting"
            ? e.message
            : e.type === "step-started"
              ? `… step ${e.index + 1}/${e.of}: ${e.concurrency} connection(s)`
              : e.type === "tick"
                ? `    ${Math.round(e.elapsedMs / 1000)} s: ${e.requests} requests, ${e.requestsPerSecond} req/s`
                : `  ${e.step.concurrency} connection(s): ${e.step.requestsPerSecond} req/s, p99 ${e.step.latency.p99} ms`,
        ),
      );
      const threshold = o.compare === undefined ? undefined : o.compare === true ? 10 : o.compare;
      const failed = threshold === undefined ? [] : regressions(r, threshold);
      const text =
        loadReportText(r) +
        (failed.length
          ? `\nREGRESSION: ${failed.join("; ")}`
          : threshold !== undefined && r.comparison
            ? `\nNo regression beyond ${threshold}%.`
            : "");
      await cli.finish(r, text, r.status === "cancelled" ? 130 : failed.length ? EXIT_LOAD_REGRESSION : 0);
    });
}

function bodyOf(o: Options): LoadBody | undefined {
  if (o.example) return { from: "example", name: o.example };
  if (o.data?.startsWith("@")) return { from: "file", path: resolve(o.data.slice(1)), contentType: o.contentType };
  if (o.data) return { from: "text", text: o.data, contentType: o.contentType ?? "application/json" };
  return undefined;
}
