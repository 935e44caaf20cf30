// `stagemaker pipeline new`, and run/invoke/stop on a pipeline folder (the shared commands call these).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { PIPELINE_FILE, type Pipeline, type PipelineInvocation } from "../../contract";
import { openCli } from "../open-cli";
import { EXIT_INVOKE_STATUS } from "../exit-codes";

export const isPipelineFolder = (dir: string) => existsSync(join(resolve(dir), PIPELINE_FILE));

export function registerPipelineCommand(program: Command, json: () => boolean): void {
  const pipeline = program
    .command("pipeline")
    .description("serial inference pipelines: 2 to 15 projects, each answer the next one's request");
  pipeline
    .command("new")
    .description("create a pipeline folder naming the projects in order")
    .argument("<dir>", "folder for the pipeline file")
    .argument("<projects...>", "2 to 15 project folders, first step first")
    .option("--name <name>", "pipeline name (default: the folder name)")
    .action(async (dir: string, projects: string[], o: { name?: string }) => {
      const cli = await openCli(json());
      const p = await cli.call("pipeline.create", { dir: resolve(dir), projects: projects.map((x) => resolve(x)), name: o.name });
      await cli.finish(p, `Created pipeline ${p.manifest.name} in ${p.dir}\n${pipelineText(p)}\nNext: stagemaker run ${dir}`);
    });
}

export function pipelineText(p: Pipeline): string {
  return p.steps
    .map(
      (s) =>
        `  ${s.index + 1}. ${s.name} (${s.imageTag}, port ${s.bindToPort}) ${s.state}${s.hostPort ? ` on 127.0.0.1:${s.hostPort}` : ""}`,
    )
    .join("\n");
}

export async function runPipeline(dir: string, json: boolean): Promise<never> {
  const cli = await openCli(json);
  const p = await cli.stream("pipeline.run", { pipeline: resolve(dir) }, (e) => cli.say(`step ${e.step + 1}: ${e.message}`));
  return cli.finish(p, pipelineText(p));
}

export async function stopPipeline(dir: string, json: boolean): Promise<never> {
  const cli = await openCli(json);
  const p = await cli.call("pipeline.stop", { pipeline: resolve(dir) });
  return cli.finish(p, "stopped");
}

export async function invokePipeline(
  dir: string,
  json: boolean,
  request: { body: string; contentType: string; accept?: string; timeoutMs?: number },
): Promise<never> {
  const cli = await openCli(json);
  const r = await cli.call("pipeline.invoke", { pipeline: resolve(dir), ...request });
  cli.say(hopsText(r));
  return cli.finish(r, r.ok ? r.body : undefined, r.ok ? 0 : EXIT_INVOKE_STATUS);
}

export function hopsText(r: PipelineInvocation): string {
  const hops = r.hops.map(
    (h) =>
      `  ${h.step + 1}. ${h.name}: ${h.request.contentType} ${h.request.bytes} B → ${h.response.status ? `HTTP ${h.response.status}` : "no answer"} ${h.response.contentType} ${h.response.bytes} B in ${h.ms.toFixed(1)} ms`,
  );
  return [...hops, r.failure ? `FAILED: ${r.failure}` : `total ${r.totalMs.toFixed(1)} ms`].join("\n");
}
