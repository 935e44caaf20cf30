// The pipeline.* channels: create, open (with each step's state), run, invoke hop by hop, stop.
import { resolve } from "node:path";
import { type DomainServices, StagemakerError } from "../../contract";
import { findPipelineContainers, startPipelineContainers, stepStates, stopPipelineContainers } from "./pipeline-containers";
import { createPipeline, readPipeline } from "./pipeline-file";
import { invokeChain, summarise } from "./pipeline-target";
import type { ServingJobDeps } from "../serving-guard";

export function pipelineChannels({ engine: access, work, guard }: ServingJobDeps): DomainServices<"pipeline"> {
  const { docker } = access;
  const engine = <T>(job: () => Promise<T>) => access.use(job);
  const open = async (dir: string) => {
    const p = await readPipeline(resolve(dir));
    const running = await engine(() => findPipelineContainers(docker, p.dir)).catch(() => new Map());
    return { dir: p.dir, manifest: p.manifest, steps: stepStates(p.steps, running) };
  };
  return {
    "pipeline.create": async ({ dir, projects, name }) => {
      await createPipeline(
        resolve(dir),
        projects.map((p) => resolve(p)),
        name,
      );
      return open(dir);
    },
    "pipeline.open": async ({ pipeline }) => open(pipeline),
    "pipeline.run": async ({ pipeline }, emit, ctx) => {
      const p = await readPipeline(resolve(pipeline));
      for (const step of p.steps)
        await guard(step.dir, step.manifest, "run").catch((err: StagemakerError) => {
          throw new StagemakerError(err.code, `Step ${step.index + 1} (${step.name}, ${step.dir}): ${err.message}`, err.detail);
        });
      await work.track(ctx.signal, (signal) =>
        engine(async () => {
          await stopPipelineContainers(docker, p.dir, 5);
          await startPipelineContainers(docker, p.dir, p.steps, {
            purpose: "run",
            signal,
            say: (step, message) => emit({ step, message }),
          });
        }),
      );
      return open(p.dir);
    },
    "pipeline.invoke": async ({ pipeline, body, contentType, accept, timeoutMs }, ctx) => {
      const p = await readPipeline(resolve(pipeline));
      const running = await engine(() => findPipelineContainers(docker, p.dir));
      const missing = p.steps.filter((s) => !running.has(s.index));
      if (missing.length)
        throw new StagemakerError(
          "not-running",
          `The pipeline is not running (step ${missing[0]!.index + 1}, ${missing[0]!.name}, has no container). Run it first.`,
        );
      const steps = p.steps.map((s) => ({ name: s.name, hostPort: running.get(s.index)!.hostPort }));
      const started = performance.now();
      try {
        const result = await invokeChain(steps, Buffer.from(body), contentType, accept, { signal: ctx.signal, timeoutMs, keepHops: true });
        return summarise(result, performance.now() - started);
      } catch (err) {
        const hops = (err as { hops?: [] }).hops ?? [];
        return { ok: false, hops, body: "", contentType: "", totalMs: performance.now() - started, failure: (err as Error).message };
      }
    },
    "pipeline.stop": async ({ pipeline }) => {
      const dir = resolve(pipeline);
      await engine(() => stopPipelineContainers(docker, dir));
      return open(dir);
    },
  };
}
