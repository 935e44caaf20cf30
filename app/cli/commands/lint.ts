// `stagemaker lint`: the editor's Python diagnostics (parser, ruff, mypy) for a project's model/, in its tools container.
import { resolve } from "node:path";
import type { Command } from "commander";
import type { DiagnosticsResult } from "../../contract";
import { openCli } from "../open-cli";

/** Exit code when an error was found (a file that does not parse, or a type error). */
export const EXIT_LINT_ERRORS = 14;

export function registerLintCommand(program: Command, json: () => boolean): void {
  program
    .command("lint")
    .description("check model/ (or the given paths) for syntax, lint and type problems, as the editor does; exits 14 on errors")
    .argument("<dir>", "project folder")
    .argument("[paths...]", "files or folders inside the project (default: model)")
    .action(async (dir: string, paths: string[]) => {
      const cli = await openCli(json());
      cli.say("Checking (the first check starts the project's Python tools container)…");
      const r = await cli.call("diagnostics.check", { project: resolve(dir), paths: paths.length ? paths : undefined });
      const errors = r.problems.some((p) => p.severity === "error");
      await cli.finish(r, lintText(r), errors ? EXIT_LINT_ERRORS : 0);
    });
}

export function lintText(r: DiagnosticsResult): string {
  const lines = r.problems.map(
    (p) => `${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.source}${p.code ? ` ${p.code}` : ""}]`,
  );
  lines.push(
    `${r.problems.length} problem(s)${r.parses ? "" : "; a file does not parse"} (${r.tools.join(", ")}; ${(r.elapsedMs / 1000).toFixed(2)} s)`,
  );
  return lines.join("\n");
}
