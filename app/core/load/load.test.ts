// The load test's parts that need no container: one step against a real local HTTP server (autocannon,
// real sockets), the Server-Timing reading, bodies and their instances, sizing and comparison.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadReport, type LoadStep, sizingHint } from "../../contract";
import { instancesIn, repeatInstances, type ResolvedBody } from "./load-body";
import { npyRows, repeatNpyRows } from "./npy-rows";
import { runStep, type StepRequest } from "./run-step";
import { sampleOf } from "./sample-instance";
import { compareRuns, previousRun } from "./saved-runs";
import { parseServerTiming } from "./server-timing";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;

describe("one step against a real HTTP server", () => {
  let server: Server;
  let url = "";
  let seen = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        seen++;
        // Every 10th request fails, as a model refusing some bodies would.
        if (seen % 10 === 0) return res.writeHead(422).end("{}");
        res.writeHead(200, {
          "content-type": "application/json",
          "server-timing": "queue;dur=0.5, model;dur=2.0, server;dur=3.0, batch;desc=4",
        });
        res.end('{"predictions":[1]}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/invocations`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const request = (over: Partial<StepRequest>): StepRequest => ({
    url,
    body: Buffer.from('{"instances":[1,2]}'),
    headers: { "content-type": "application/json" },
    instancesPerRequest: 2,
    concurrency: 4,
    durationSeconds: 30,
    maxRequests: 500,
    timeoutSeconds: 5,
    ...over,
  });

  it("stops at the request bound, counts non-2xx apart and reads the server's timing", async () => {
    const ticks: number[] = [];
    const step = await runStep(request({}), new AbortController().signal, (p) => ticks.push(p.requests));
    expect(step.requests).toBeGreaterThanOrEqual(500);
    expect(step.requests).toBeLessThan(500 + 4 * 2); // in-flight answers at the bound, no more
    expect(step.non2xx).toBeGreaterThan(0);
    expect(step.statusCodes["422"]).toBe(step.non2xx);
    expect(step.ok + step.non2xx).toBe(step.requests);
    expect(step.durationMs).toBeLessThan(30_000);
    expect(step.instancesPerSecond).toBeCloseTo(step.requestsPerSecond * 2, 0);
    expect(step.latency.p50).toBeGreaterThan(0);
    expect(step.latency.p50).toBeLessThanOrEqual(step.latency.p99);
    expect(step.latency.p99).toBeLessThanOrEqual(step.latency.max);
    expect(step.histogram.reduce((a, h) => a + h.count, 0)).toBe(step.ok);
    expect(step.server).toMatchObject({ timedResponses: step.ok, queueMs: 0.5, modelMs: 2, serverOverheadMs: 0.5, batchSize: 4 });
  });

  it("stops at the time bound, and at once when cancelled", async () => {
    const timed = await runStep(
      request({ durationSeconds: 1, maxRequests: 10_000_000, concurrency: 1 }),
      new AbortController().signal,
      () => undefined,
    );
    expect(timed.durationMs).toBeGreaterThanOrEqual(950);
    expect(timed.durationMs).toBeLessThan(3000 * factor);
    const abort = new AbortController();
    const cancelled = runStep(request({ durationSeconds: 600, maxRequests: 10_000_000 }), abort.signal, (p) => {
      if (p.requests > 0) abort.abort();
    });
    const step = await cancelled;
    expect(step.durationMs).toBeLessThan(10_000 * factor);
    expect(step.requests).toBeGreaterThan(0);
  });
});

describe("Server-Timing", () => {
  it("reads the template's four metrics and refuses other servers' headers", () => {
    expect(parseServerTiming("queue;dur=0.041, model;dur=1.203, server;dur=1.514, batch;desc=16")).toEqual({
      queue: 0.041,
      model: 1.203,
      server: 1.514,
      batch: 16,
    });
    expect(parseServerTiming('batch;desc="3", queue;dur=1, model;dur=2, server;dur=4')).toEqual({
      queue: 1,
      model: 2,
      server: 4,
      batch: 3,
    });
    expect(parseServerTiming("db;dur=53, app;dur=47.2")).toBeNull();
    expect(parseServerTiming(undefined)).toBeNull();
  });
});

describe("bodies", () => {
  const body = (contentType: string, text: string | Buffer): ResolvedBody => {
    const b = Buffer.isBuffer(text) ? text : Buffer.from(text);
    return { description: "t", contentType, path: "/invocations", body: b, instances: instancesIn(contentType, b) };
  };

  it("repeats JSON and CSV instances in turn up to the count asked", () => {
    const json = repeatInstances(body("application/json", '{"instances":[{"a":1},{"a":2}]}'), 5);
    expect(JSON.parse(json.body.toString())).toEqual({ instances: [{ a: 1 }, { a: 2 }, { a: 1 }, { a: 2 }, { a: 1 }] });
    expect(json.instances).toBe(5);
    const csv = repeatInstances(body("text/csv; charset=utf-8", "1,2\n3,4\n"), 3);
    expect(csv.body.toString()).toBe("1,2\n3,4\n1,2\n");
    expect(instancesIn("text/csv", csv.body)).toBe(3);
    expect(() => repeatInstances(body("application/octet-stream", "xx"), 3)).toThrow(/Cannot repeat/);
  });

  it("repeats the rows of a C-order .npy and keeps its header aligned", () => {
    const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    const header = dict + " ".repeat(128 - 10 - dict.length - 1) + "\n";
    const prefix = Buffer.from([0x93, ...Buffer.from("NUMPY"), 1, 0, header.length, 0]);
    const data = Buffer.alloc(2 * 3 * 8);
    for (let i = 0; i < 6; i++) data.writeDoubleLE(i, i * 8);
    const npy = Buffer.concat([prefix, Buffer.from(header, "latin1"), data]);
    expect(npyRows(npy)?.rows).toBe(2);
    const five = repeatNpyRows(npy, 5)!;
    const layout = npyRows(five)!;
    expect(layout.rows).toBe(5);
    expect(layout.rest).toEqual([3]);
    expect(layout.dataStart % 64).toBe(0);
    const values = Array.from({ length: 15 }, (_, i) => five.readDoubleLE(layout.dataStart + i * 8));
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2]);
  });

  it("makes a plausible instance from a pydantic JSON Schema", () => {
    const defs = { Colour: { enum: ["red", "blue"], type: "string" } };
    const instance = {
      type: "object",
      properties: {
        x: { type: "number" },
        n: { type: "integer", minimum: 3 },
        flag: { type: "boolean" },
        colour: { $ref: "#/components/schemas/Colour" },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        k: { type: "number", default: 2.5 },
        tags: { type: "array", items: { type: "string" } },
      },
    };
    expect(sampleOf(instance, defs, 0)).toEqual({ x: 0, n: 3, flag: false, colour: "red", note: "text", k: 2.5, tags: ["text"] });
  });
});

const step = (concurrency: number, rps: number, p99: number, failed = 0): LoadStep => ({
  concurrency,
  durationMs: 5000,
  requests: 100,
  ok: 100 - failed,
  non2xx: failed,
  errors: 0,
  timeouts: 0,
  statusCodes: {},
  requestsPerSecond: rps,
  instancesPerSecond: rps,
  bytesRead: 0,
  latency: { mean: p99 / 2, p50: p99 / 2, p90: p99 * 0.8, p99, max: p99 * 2 },
  histogram: [],
  server: null,
  container: null,
});

describe("sizing and comparison", () => {
  it("sizes from the busiest step that kept p99 in budget without errors", () => {
    const steps = [step(1, 500, 3), step(4, 1500, 8), step(16, 2000, 40), step(32, 2500, 90, 3)];
    const hint = sizingHint(steps, 9000, 50, 2);
    expect(hint).toMatchObject({ kneeConcurrency: 16, kneeRps: 2000, containers: 5, workers: 2 });
    expect(hint.text).toMatch(/^Estimate from this machine/);
    expect(sizingHint(steps, 9000, 1, 1)).toMatchObject({ kneeConcurrency: null, containers: null });
    expect(sizingHint(steps, undefined, 50, 1).containers).toBeNull();
  });

  const report = (id: string, imageId: string, steps: LoadStep[], status: "completed" | "cancelled" = "completed") =>
    ({ id, status, steps, target: { url: "", image: "i", imageId, workers: 1 } }) as unknown as LoadReport;

  it("compares with the previous build's run, else the previous run of this build", () => {
    const runs = [report("3", "sha:b", [], "cancelled"), report("2", "sha:b", []), report("1", "sha:a", [])];
    expect(previousRun(runs, "sha:b")?.id).toBe("1");
    expect(previousRun(runs, "sha:c")?.id).toBe("2");
    const then = report("1", "sha:a", [step(1, 1000, 2), step(16, 4000, 10)]);
    const slower = compareRuns(
      { steps: [step(1, 900, 2.2), step(16, 3000, 15)], target: { url: "", image: "i", imageId: "sha:b", workers: 1 } },
      then,
    );
    expect(slower).toMatchObject({ throughputChangePercent: -25, p99ChangePercent: 50, atConcurrency: 16, sameBuild: false });
    expect(slower.text).toContain("the previous build's run");
    expect(slower.text).toContain("25% lower");
  });
});

describe("comparison over different sweeps", () => {
  it("compares throughput only at the concurrencies both runs measured", () => {
    const then = {
      id: "1",
      status: "completed",
      steps: [step(1, 1000, 2), step(16, 4000, 10)],
      target: { url: "", image: "i", imageId: "a", workers: 1 },
    } as unknown as LoadReport;
    const c = compareRuns({ steps: [step(1, 1000, 2)], target: { url: "", image: "i", imageId: "b", workers: 1 } }, then);
    expect(c.throughputChangePercent).toBe(0);
    expect(c.atConcurrency).toBe(1);
  });
});

describe("the exported README", () => {
  it("carries the last run's table, labelled as this machine's figures, and make load", async () => {
    const { exportedReadme } = await import("../export/exported-readme");
    const { loadReportMarkdown } = await import("./report-markdown");
    const last = {
      id: "r",
      startedAt: "2026-12-03T09:00:00.000Z",
      status: "completed",
      steps: [step(1, 812.34, 2.1), step(16, 2400, 20)],
      target: { url: "", image: "i", imageId: "a", workers: 1 },
      body: { description: "d", contentType: "application/json", bytes: 10, instancesPerRequest: 1 },
      settings: { durationSeconds: 5, maxRequestsPerStep: 10, ratePerSecond: null, timeoutSeconds: 10 },
      machine: { cpus: 2, tool: "autocannon" },
      sizing: sizingHint([step(1, 812.34, 2.1), step(16, 2400, 20)], 5000, 50, 1),
      comparison: null,
    } as LoadReport;
    const md = loadReportMarkdown(last);
    expect(md).toContain("| 1 | 812.3 | 812.3 |");
    expect(md).toContain("| 16 | 2400.0 |");
    expect(md).toContain("rerun `make load` on yours");
    expect(md).toContain("about 3 containers");
    const manifest = { name: "m", imageTag: "stagemaker/m:latest", templateVersion: "1", env: [] } as never;
    const base = {
      manifest,
      repoName: "m",
      schemas: null,
      artifacts: { files: 0, bytes: 0, thresholdBytes: 0, decision: "none", reason: "" },
      artifactFiles: [],
      deployTool: "aws-cli",
    } as never;
    expect(exportedReadme({ ...(base as object), loadReport: last } as never)).toContain(`## Load test\n${md}`);
    expect(exportedReadme(base)).not.toContain("## Load test");
    expect(exportedReadme(base)).toContain("`make load`");
  });
});
