// `stagemaker export <dir> --to <path> ...`: the export capability on the command line.
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import {
  type ExportEvent,
  type ExportFile,
  type ExportPlan,
  type ExportResult,
  examplesWarning,
  formatBytes as size,
} from "../../contract";
import { openCli } from "../open-cli";
import { exitCodes } from "../exit-codes";

const sign = { added: "+", modified: "~", deleted: "-" } as const;
const fileLines = (changes: ExportFile[]) =>
  changes.map((c) => `  ${sign[c.change]} ${c.path}${c.change === "deleted" ? "" : ` (${size(c.bytes)})`}`);

function planText(plan: ExportPlan): string {
  const lines = [
    `Target: ${plan.target.dir}${plan.target.isRepository ? ` (git, ${plan.target.branch ?? "no branch"}${plan.target.head ? ` at ${plan.target.head.slice(0, 12)}` : ""})` : plan.target.exists ? "" : " (will be created)"}`,
    `Artifacts: ${plan.artifacts.files} file(s), ${size(plan.artifacts.bytes)}, threshold ${size(plan.artifacts.thresholdBytes)}: ${plan.artifacts.reason}`,
    plan.changes.length
      ? `Would commit ${plan.changes.length} of ${plan.totalFiles} file(s):`
      : "Nothing to commit: the target matches the project.",
    ...fileLines(plan.changes),
  ];
  if (plan.refusal) lines.push(`Refused: ${plan.refusal}`);
  const warning = examplesWarning(plan.examples);
  if (warning) lines.push(`Warning: ${warning}`);
  return lines.join("\n");
}

function resultText(r: ExportResult): string {
  const lines = [
    r.committed
      ? `Committed ${r.commit.slice(0, 12)} on ${r.branch} in ${r.target} (${r.changes.length} file(s) changed)`
      : `Nothing changed; ${r.target} stays at ${r.commit.slice(0, 12)} on ${r.branch}`,
    `Artifacts: ${r.artifacts.reason}`,
  ];
  if (r.pushed) lines.push(`Pushed ${r.branch} to ${r.remoteUrl}`);
  else if (r.pushError) lines.push(`Not pushed: ${r.pushError}`);
  else lines.push(r.remoteUrl ? `Not pushed (add --push to push to ${r.remoteUrl})` : "Not pushed (no remote)");
  lines.push(`Open it: cd ${r.target} && git log -1 --stat`);
  const warning = examplesWarning(r.examples);
  if (warning) lines.push(`Warning: ${warning}`);
  return lines.join("\n");
}

const eventLine = (e: ExportEvent) => (e.type === "step" ? `[${e.step}] ${e.message}` : `  ${e.line}`);

export function registerExportCommand(program: Command, json: () => boolean): void {
  program
    .command("export")
    .description(
      "export the project as a git repository (builds, tests and deploys itself); refuses when the target has uncommitted work, another branch or a diverged remote",
    )
    .argument("<dir>", "project folder")
    .option("--to <path>", "target folder (new, empty, or a clean clone); default: the last export's")
    .option("--remote <url>", "https or ssh URL of the remote (default: the target's origin)")
    .option("--branch <name>", "branch to commit on (default main)")
    .option("--push", "push the branch to the remote (never forced)")
    .option("-m, --message <text>", "commit message (the changed files are listed below it)")
    .addOption(new Option("--threshold-mb <n>", "artifacts/ up to this size are committed as plain files (default 50)").argParser(Number))
    .addOption(
      new Option("--large-artifacts <how>", "over the threshold: Git LFS, or leave out (make package)").choices(["lfs", "package"]),
    )
    .addOption(new Option("--deploy <tool>", "deploy scripts to include").choices(["aws-cli", "boto3"]))
    .option("--plan", "show what would be committed, write nothing")
    .action(
      async (
        dir: string,
        opts: {
          to?: string;
          remote?: string;
          branch?: string;
          push?: boolean;
          message?: string;
          thresholdMb?: number;
          largeArtifacts?: "lfs" | "package";
          deploy?: "aws-cli" | "boto3";
          plan?: boolean;
        },
      ) => {
        const cli = await openCli(json());
        const project = resolve(dir);
        const last = await cli.call("export.lastSettings", { project });
        const to = opts.to ? resolve(opts.to) : last.to;
        if (!to) {
          process.stderr.write("error: give the target folder with --to <path>\n");
          process.exit(exitCodes["invalid-input"]);
        }
        const input = {
          ...last,
          project,
          to,
          remote: opts.remote ?? last.remote,
          branch: opts.branch ?? last.branch,
          push: Boolean(opts.push),
          message: opts.message,
          artifactsThresholdMb: opts.thresholdMb ?? last.artifactsThresholdMb,
          largeArtifacts: opts.largeArtifacts ?? last.largeArtifacts,
          deployTool: opts.deploy ?? last.deployTool,
        };
        if (opts.plan) {
          const plan = await cli.call("export.plan", input);
          await cli.finish(plan, planText(plan), plan.refusal ? exitCodes.conflict : 0);
        }
        const result = await cli.stream("export.run", input, (e) => cli.say(eventLine(e)));
        await cli.finish(result, resultText(result), result.pushError ? 1 : 0);
      },
    );
}
