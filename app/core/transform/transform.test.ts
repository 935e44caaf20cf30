// Batch transform on the real server template and engine: SageMaker's job semantics, end to end.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project, TransformEvent, TransformInput } from "../../contract";
import { TransformInput as TransformInputSchema } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { cleanUpProject, uniqueName } from "../testing/throwaway-template";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const root = mkdtempSync(join(tmpdir(), "smk-transform-"));
const services = createServices(testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const signal = new AbortController().signal;
let project: Project;

// The template's toy model answers "<field1>:<field2 × 2>" per record.
const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${i + from},${i + from}.5`);
const expected = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `r${i + from}:${((i + from + 0.5) * 2).toFixed(1)}`);
const folder = (name: string, files: Record<string, string | Buffer>) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
  return dir;
};
const transform = async (input: Partial<TransformInput> & { input: string }, events: TransformEvent[] = [], s = signal) => {
  const output = join(root, `out-${Math.random().toString(36).slice(2)}`);
  const job = TransformInputSchema.parse({ target: project.dir, output, accept: "text/csv", ...input });
  const result = await services["transform.run"](job, (e) => events.push(e), { signal: s });
  return { result, output, lines: (name: string) => readFileSync(join(output, name), "utf8").split("\n").filter(Boolean) };
};

beforeAll(async () => {
  project = await services["projects.create"]({ name: uniqueName("transform") }, { signal });
  await services["build.run"]({ project: project.dir }, () => undefined, { signal });
}, 600_000);

afterAll(async () => {
  const docker = new Docker();
  for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.transform=${project?.dir}`] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  if (project) await cleanUpProject(project.dir, project.manifest.imageTag);
  await services.close();
});

describe("batch transform", () => {
  it("SingleRecord: one request per record, answers in input order, SageMaker's batch environment", async () => {
    const input = folder("single", { "data.csv": rows(40).join("\n") + "\n" });
    const events: TransformEvent[] = [];
    const docker = new Docker();
    let env: string[] = [];
    const watch = setInterval(() => {
      // The container can be gone between the listing and the inspect: that tick is skipped, the next looks again.
      void (async () => {
        const [c] = await docker.listContainers({ filters: { label: [`com.stagemaker.transform=${project.dir}`] } });
        if (c) env = (await docker.getContainer(c.Id).inspect()).Config.Env;
      })().catch(() => undefined);
    }, 100);
    const { result, lines } = await transform({ input, batchStrategy: "SingleRecord", maxConcurrentTransforms: 4 }, events).finally(() =>
      clearInterval(watch),
    );
    expect(result.status).toBe("Completed");
    expect(result.settings).toMatchObject({ batchStrategy: "SingleRecord", maxConcurrentTransforms: 4, endpoint: "own-container" });
    expect(result.files[0]).toMatchObject({ records: 40, requests: 40 });
    expect(lines("data.csv.out")).toEqual(expected(40));
    expect(env).toEqual(
      expect.arrayContaining(["SAGEMAKER_BATCH=true", "SAGEMAKER_BATCH_STRATEGY=SINGLE_RECORD", "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS=4"]),
    );
    expect(events.find((e) => e.type === "progress" && e.progress.records === 40)).toBeTruthy();
    // The job's own container is gone afterwards.
    expect(await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.transform=${project.dir}`] } })).toHaveLength(0);
  }, 120_000);

  it("MultiRecord fills each request with whole records up to MaxPayloadInMB, and reads gzip", async () => {
    const n = 90_000; // ~1.3 MB of records: at least two requests under a 1 MB limit
    const text = rows(n).join("\n") + "\n";
    const input = folder("multi", { "big.csv.gz": gzipSync(text) });
    const { result, lines } = await transform({ input, batchStrategy: "MultiRecord", maxPayloadInMB: 1, compressionType: "Gzip" });
    expect(result.status).toBe("Completed");
    expect(result.files[0]!.requests).toBe(Math.ceil(Buffer.byteLength(text) / (1024 * 1024)));
    const out = lines("big.csv.gz.out");
    expect(out).toHaveLength(n);
    expect(out).toEqual(expected(n)); // no record split across requests, order kept
  }, 120_000);

  it("defaults come from the container's /execution-parameters when the job leaves them unset", async () => {
    const input = folder("defaults", { "d.csv": rows(3).join("\n") });
    const { result } = await transform({ input });
    expect(result.settings).toMatchObject({
      batchStrategy: "MultiRecord",
      maxPayloadInMB: 6,
      source: { batchStrategy: "container", maxPayloadInMB: "container", maxConcurrentTransforms: "container" },
    });
    // Kept in the project's .stagemaker/, so the panel shows it after a restart.
    expect(await services["transform.last"]({ target: project.dir }, { signal })).toEqual(result);
  }, 60_000);

  it('CSV: InputFilter "$[1:]", JoinSource Input, OutputFilter "$[0,-1]" gives ID + inference', async () => {
    const input = folder("csv-join", {
      "ids.csv": rows(5)
        .map((r, i) => `id${i},${r}`)
        .join("\n"),
    });
    const full = await transform({ input, inputFilter: "$[1:]", joinSource: "Input", batchStrategy: "MultiRecord" });
    expect(full.lines("ids.csv.out")).toEqual(expected(5).map((o, i) => `id${i},${rows(5)[i]},${o}`));
    const filtered = await transform({ input, inputFilter: "$[1:]", joinSource: "Input", outputFilter: "$[0,-1]" });
    expect(filtered.lines("ids.csv.out")).toEqual(expected(5).map((o, i) => `id${i},${o}`));
  }, 60_000);

  it("JSON Lines: InputFilter \"$.features\", JoinSource Input, OutputFilter \"$['id','SageMakerOutput']\"", async () => {
    const records = [0, 1, 2].map((i) => JSON.stringify({ id: i, features: { field1: `r${i}`, field2: i + 0.5 } }));
    const input = folder("json-join", { "r.jsonl": records.join("\n") });
    const common = {
      input,
      contentType: "application/jsonlines",
      accept: "application/jsonlines",
      inputFilter: "$.features",
      joinSource: "Input",
    } as const;
    const joined = await transform({ ...common, batchStrategy: "MultiRecord" });
    expect(joined.lines("r.jsonl.out").map((l) => JSON.parse(l))).toEqual(
      [0, 1, 2].map((i) => ({ id: i, features: { field1: `r${i}`, field2: i + 0.5 }, SageMakerOutput: { output_field: expected(3)[i] } })),
    );
    const filtered = await transform({ ...common, batchStrategy: "SingleRecord", outputFilter: "$['id','SageMakerOutput']" });
    expect(filtered.lines("r.jsonl.out").map((l) => JSON.parse(l))).toEqual(
      [0, 1, 2].map((i) => ({ id: i, SageMakerOutput: { output_field: expected(3)[i] } })),
    );
  }, 60_000);

  it("a failing record is reported by range with status and body; its file gets no .out, the others do", async () => {
    const bad = [...rows(6), "broken,not-a-number", ...rows(3, 6)];
    const input = folder("failing", { "a.csv": bad.join("\n"), "b.csv": rows(2).join("\n") });
    const { result, output } = await transform({ input, batchStrategy: "SingleRecord", onFailure: "continue" });
    expect(result.status).toBe("Failed");
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ file: "a.csv", firstRecord: 7, lastRecord: 7, status: 422 });
    expect(result.failures[0]!.body).toMatch(/field2/);
    expect(readdirSync(output)).toEqual(["b.csv.out"]);
    const stop = await transform({ input, batchStrategy: "MultiRecord" });
    expect(stop.result.failures[0]).toMatchObject({ file: "a.csv", firstRecord: 1, lastRecord: 10, status: 422 });
    expect(readdirSync(stop.output)).toEqual([]); // stop: the first failure ends the job
  }, 60_000);

  it("cancel stops the job and leaves no .out, not even a partial one", async () => {
    const input = folder("cancel", { "long.csv": rows(20_000).join("\n") });
    const controller = new AbortController();
    const events: TransformEvent[] = [];
    const { result, output } = await transform(
      { input, batchStrategy: "SingleRecord" },
      new Proxy(events, {
        get(target, key) {
          if (key === "push")
            return (e: TransformEvent) => {
              if (e.type === "progress" && e.progress.records > 50) controller.abort();
              return target.push(e);
            };
          return Reflect.get(target, key);
        },
      }),
      controller.signal,
    );
    expect(result.status).toBe("Stopped");
    expect(result.progress.records).toBeLessThan(20_000);
    expect(readdirSync(output)).toEqual([]);
  }, 120_000);
});
