import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { Command, Option } from "commander";
import { watchEngine } from "../faces-common/engine-watch";
import { openCli } from "./open-cli";
import { registerExampleCommands } from "./commands/examples";
import { registerSchemaCommands } from "./commands/schemas";
import { registerExportCommand } from "./commands/export";
import { newFromModel, refuseUnserved, registerModelCommands, removeNewProject } from "./commands/model";
import { registerSettings } from "./commands/settings";
import { EXIT_ENGINE_DOWN, EXIT_INVOKE_NO_ANSWER, EXIT_INVOKE_STATUS, exitCodes } from "./exit-codes";
import { registerReadinessCommand } from "./commands/readiness";
import { registerLintCommand } from "./commands/lint";
import { invokePipeline, isPipelineFolder, registerPipelineCommand, runPipeline, stopPipeline } from "./commands/pipeline";
import { registerTransformCommand } from "./commands/transform";
import { registerLoadCommand } from "./commands/load";
import { answerText, type InvokeBody, readInvokeData } from "./commands/invoke-body";
import { buildEventLine, buildResultText, containerStateText, engineText, invocationSummary, runEventLine } from "./render-events";

const program = new Command("stagemaker")
  .description("Package and test ML models locally behind a SageMaker-compatible server.")
  .option("--json", "print one JSON result envelope on stdout instead of text")
  .showHelpAfterError("(run `stagemaker --help` for usage)")
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : exitCodes["invalid-input"]));

const json = () => Boolean(program.opts().json);
const project = (dir: string) => resolve(dir);

program
  .command("new")
  .description("create a project folder from the server template")
  .argument("<dir>", "folder to create (must not exist or be empty)")
  .option("--name <name>", "project name (default: the folder name)")
  .option(
    "--from <model>",
    "a model file or model.tar.gz: detect it and generate the Instance, Prediction, predictor, tests and requirements",
  )
  .option("--framework-version <version>", "with --from: the framework version to load the model with (wins over the one the file records)")
  .option(
    "--requirements <file>",
    "pip requirements (name==version) the model plan honours over its tested versions, e.g. a notebook's environment; becomes the project's requirements.txt",
  )
  .action(async (dir: string, opts: { name?: string; from?: string; frameworkVersion?: string; requirements?: string }) => {
    const cli = await openCli(json());
    // A file Stagemaker cannot serve makes no project (never one that answers with the template's toy model).
    if (opts.from) await refuseUnserved(cli, opts.from, (await cli.call("model.inspect", { path: resolve(opts.from) })).detections);
    const requested = opts.requirements === undefined ? undefined : readRequirements(opts.requirements);
    const existed = existsSync(resolve(dir));
    const p = await cli.call("projects.create", { dir: resolve(dir), name: opts.name ?? basename(resolve(dir)) });
    // A model that fails to plan (or a cancel) leaves no project behind: one with the template's toy
    // predictor would answer for another model, and would stand in the way of the next `new --from`.
    if (opts.from) cli.onFailure(() => removeNewProject(p.dir, existed, (line) => cli.say(line)));
    if (requested !== undefined) await cli.call("code.write", { project: p.dir, path: "requirements.txt", content: requested });
    if (opts.from)
      await newFromModel(cli, p, opts.from, dir, { frameworkVersion: opts.frameworkVersion, requirements: requested !== undefined });
    await cli.finish(p, `Created ${p.manifest.name} in ${p.dir}\nImage tag: ${p.manifest.imageTag}\nNext: stagemaker build ${dir}`);
  });

function readRequirements(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    process.stderr.write(
      `error: cannot read ${path}: ${(err as Error).message}\nNo project was created; give --requirements a readable pip requirements file.\n`,
    );
    process.exit(exitCodes["not-found"]);
  }
}

program
  .command("build")
  .description("build the project's image (progress on stderr)")
  .argument("<dir>", "project folder")
  .option("-v, --verbose", "show the engine's output lines")
  .action(async (dir: string, opts: { verbose?: boolean }) => {
    const cli = await openCli(json());
    const r = await cli.stream("build.run", { project: project(dir) }, (e) => cli.say(buildEventLine(e, Boolean(opts.verbose))));
    await cli.finish(r, buildResultText(r));
  });

program
  .command("run")
  .description("start the project's container and wait until /ping answers 200")
  .argument("<dir>", "project folder")
  .option("--logs", "show the container's output while it starts")
  .action(async (dir: string, opts: { logs?: boolean }) => {
    if (isPipelineFolder(dir)) await runPipeline(dir, json());
    const cli = await openCli(json());
    const s = await cli.stream("run.start", { project: project(dir) }, (e) =>
      e.type !== "log" || opts.logs ? cli.say(runEventLine(e)) : undefined,
    );
    await cli.finish(s, containerStateText(s), s.state === "healthy" ? 0 : exitCodes["run-failed"]);
  });

program
  .command("reload")
  .description("after an edit: restart the server with the new code (dev mode) or rebuild and restart")
  .argument("<dir>", "project folder")
  .action(async (dir: string) => {
    const cli = await openCli(json());
    const s = await cli.stream("run.reload", { project: project(dir) }, (e) => (e.type !== "log" ? cli.say(runEventLine(e)) : undefined));
    await cli.finish(s, containerStateText(s), s.state === "healthy" ? 0 : exitCodes["run-failed"]);
  });

program
  .command("invoke")
  .description("send a request to the running project's /invocations")
  .argument("<dir>", "project folder")
  .requiredOption("-d, --data <json|@file>", "request body, or @path to send a file's bytes (an .npy as application/x-npy)")
  .option("--content-type <type>", "Content-Type of the body (default: by the @file's extension, .npy .csv .jsonl, else application/json)")
  .option("--accept <type>", "Accept header")
  .option("--custom-attributes <text>", "X-Amzn-SageMaker-Custom-Attributes")
  .option("--path <path>", "/invocations or /v1/models/NAME:predict", "/invocations")
  .option("-o, --output <file>", "write the answer's bytes to this file (an application/x-npy answer, say)")
  .addOption(new Option("--timeout <ms>", "give up after this many milliseconds").argParser(Number))
  .action(
    async (
      dir: string,
      opts: {
        data: string;
        contentType?: string;
        accept?: string;
        customAttributes?: string;
        path: string;
        output?: string;
        timeout?: number;
      },
    ) => {
      let data: InvokeBody;
      try {
        data = readInvokeData(opts.data, opts.contentType);
      } catch (err) {
        process.stderr.write(`error: cannot read ${opts.data.slice(1)}: ${(err as Error).message}\n`);
        process.exit(exitCodes["not-found"]);
      }
      if (isPipelineFolder(dir)) {
        if (data.bodyEncoding === "base64") {
          process.stderr.write(
            `error: a pipeline takes text bodies (JSON, CSV); ${opts.data.slice(1)} is binary. Send it to the first project instead.\n`,
          );
          process.exit(exitCodes["invalid-input"]);
        }
        await invokePipeline(dir, json(), { body: data.body, contentType: data.contentType, accept: opts.accept, timeoutMs: opts.timeout });
      }
      const cli = await openCli(json());
      const r = await cli.call("invoke.send", {
        project: project(dir),
        ...data,
        accept: opts.accept,
        customAttributes: opts.customAttributes,
        path: opts.path,
        timeoutMs: opts.timeout,
      });
      cli.say(invocationSummary(r));
      const code = r.failure ? EXIT_INVOKE_NO_ANSWER : r.status && r.status >= 200 && r.status < 300 ? 0 : EXIT_INVOKE_STATUS;
      const shown = r.failure ? {} : answerText(r, opts.output);
      cli.say(shown.note);
      await cli.finish(r, shown.stdout, code);
    },
  );

program
  .command("logs")
  .description("print the container's output (stdout and stderr)")
  .argument("<dir>", "project folder")
  .option("-f, --follow", "keep following until the container stops or Ctrl-C")
  .addOption(new Option("--tail <n>", "how many past lines").argParser(Number).default(200))
  .action(async (dir: string, opts: { follow?: boolean; tail: number }) => {
    const cli = await openCli(json());
    const r = await cli.stream("run.logs", { project: project(dir), tail: opts.tail, follow: Boolean(opts.follow) }, (e) => {
      if (json()) process.stdout.write(JSON.stringify(e) + "\n");
      else (e.stream === "stderr" ? process.stderr : process.stdout).write(e.line + "\n");
    });
    await cli.finish(r, undefined);
  });

program
  .command("stop")
  .description("stop the project's container (SIGTERM, 30 s grace) and remove it")
  .argument("<dir>", "project folder")
  .action(async (dir: string) => {
    if (isPipelineFolder(dir)) await stopPipeline(dir, json());
    const cli = await openCli(json());
    const s = await cli.call("run.stop", { project: project(dir) });
    await cli.finish(s, "stopped");
  });

program
  .command("status")
  .description("the Docker engine's status, and the project's container when a folder is given")
  .argument("[dir]", "project folder")
  .option("-w, --watch", "keep polling the engine and print each change until Ctrl-C")
  .action(async (dir: string | undefined, opts: { watch?: boolean }) => {
    const cli = await openCli(json());
    if (opts.watch) {
      const stop = watchEngine(
        () => cli.call("engine.status", {}),
        (s) => process.stdout.write((json() ? JSON.stringify(s) : `${new Date().toLocaleTimeString()} ${engineText(s)}`) + "\n"),
        2000,
      );
      await new Promise<void>((resolve) => cli.signal.addEventListener("abort", () => resolve(), { once: true }));
      stop();
      await cli.finish(undefined, undefined);
    }
    const engine = await cli.call("engine.status", {});
    if (!dir || engine.state !== "reachable") {
      await cli.finish({ engine }, engineText(engine), engine.state === "reachable" ? 0 : EXIT_ENGINE_DOWN);
    }
    const container = await cli.call("run.status", { project: project(dir!) });
    // The Build tab's refusal, before anyone tries: the model this project would not serve, and what to do.
    const refusal = await cli.call("model.refusal", { project: project(dir!) });
    const refused = refusal ? `\nModel refused: ${refusal.message}\n${refusal.todo}` : "";
    await cli.finish({ engine, container, refusal }, `${engineText(engine)}\nContainer: ${containerStateText(container)}${refused}`);
  });

registerExampleCommands(program, () => openCli(json()));
registerSchemaCommands(program, () => openCli(json()));
registerTransformCommand(program, json);
registerPipelineCommand(program, json);
registerReadinessCommand(program, json);
registerExportCommand(program, json);
registerModelCommands(program, json);
registerSettings(program, json);
registerLintCommand(program, json);
registerLoadCommand(program, json);

await program.parseAsync(process.argv);
