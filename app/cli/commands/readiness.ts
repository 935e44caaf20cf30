// `stagemaker readiness` (alias `check`, its first name): the SageMaker readiness report for a project's built image.
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { CheckPoint, CheckReport } from "../../contract";
import { openCli } from "../open-cli";

/** Exit code when a point failed (the report itself ran). */
export const EXIT_CHECK_FAILED = 13;

export function registerReadinessCommand(program: Command, json: () => boolean): void {
  program
    .command("readiness")
    .alias("check")
    .description("check the built image against SageMaker's rules, with the evidence for each point; exits 13 when a point fails")
    .argument("<dir>", "project folder")
    .addOption(
      new Option("--instance-type <type>", "the instance the endpoint will run on: gives the platform and the memory").default(
        "ml.m5.large",
      ),
    )
    .addOption(
      new Option("--memory <mb>", "memory limit the container must start and answer under, in MB (default: the instance's)").argParser(
        Number,
      ),
    )
    .addOption(
      new Option("--platform <platform>", "the platform SageMaker will run (default: the instance's)").choices([
        "linux/amd64",
        "linux/arm64",
      ]),
    )
    .addOption(
      new Option("--health-check <seconds>", "SageMaker's start-up health-check window (ContainerStartupHealthCheckTimeoutInSeconds)")
        .argParser(Number)
        .default(240),
    )
    .addOption(new Option("--grace <seconds>", "SIGTERM grace period").argParser(Number).default(30))
    .option("--sample <json>", "a request body the model can answer (JSON)")
    .action(
      async (
        dir: string,
        o: {
          instanceType: string;
          memory?: number;
          platform?: "linux/amd64" | "linux/arm64";
          healthCheck: number;
          grace: number;
          sample?: string;
        },
      ) => {
        const cli = await openCli(json());
        const r = await cli.stream(
          "readiness.run",
          {
            project: resolve(dir),
            instanceType: o.instanceType,
            memoryMb: o.memory,
            platform: o.platform,
            healthCheckSeconds: o.healthCheck,
            graceSeconds: o.grace,
            sample: o.sample ? { body: o.sample, contentType: "application/json" } : undefined,
          },
          (e) => cli.say(e.type === "checking" ? `… ${e.title}` : undefined),
        );
        await cli.finish(r, checkReportText(r), r.ok ? 0 : EXIT_CHECK_FAILED);
      },
    );
}

const mark = { pass: "PASS", fail: "FAIL", skip: "SKIP", info: "INFO" } as const;

export function checkReportText(r: CheckReport): string {
  const lines = [`SageMaker readiness of ${r.image}: ${r.ok ? "ready" : "NOT ready"}`];
  for (const p of r.points) lines.push(...pointLines(p));
  return lines.join("\n");
}

function pointLines(p: CheckPoint): string[] {
  const lines = [`${mark[p.status]}  ${p.title}`];
  for (const e of p.evidence) {
    lines.push(`      $ ${e.command}`);
    lines.push(
      `        → ${e.status}${e.ms !== undefined ? ` (${(e.ms / 1000).toFixed(2)} s)` : ""}${e.detail ? `: ${e.detail.split("\n")[0]!.slice(0, 160)}` : ""}`,
    );
  }
  if (p.hint) lines.push(`      what to do: ${p.hint}`);
  return lines;
}
