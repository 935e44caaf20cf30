// A two-project serial pipeline on the real engine: a StandardScaler step, then a classifier, both fitted
// inside their image by the test. Invoked hop by hop, and batch-transformed with JoinSource=Input.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransformInput } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { createSklearnProjects, type SklearnProjects } from "../testing/sklearn-projects";
import { cleanUpProject, uniqueName } from "../testing/throwaway-template";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const root = mkdtempSync(join(tmpdir(), "smk-pipeline-"));
const services = createServices(testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const signal = new AbortController().signal;
const pipelineDir = join(root, "iris-pipeline");
let projects: SklearnProjects;

beforeAll(async () => {
  projects = await createSklearnProjects(services, uniqueName("pipe"), signal);
}, 900_000);

afterAll(async () => {
  await services["pipeline.stop"]({ pipeline: pipelineDir }, { signal }).catch(() => undefined);
  const docker = new Docker();
  for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.pipeline=${pipelineDir}`] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  for (const p of Object.values(projects ?? {})) await cleanUpProject(p.dir, p.manifest.imageTag);
  await services.close();
});

describe("serial inference pipeline", () => {
  it("is a small file in its own folder naming 2 to 15 projects", async () => {
    await expect(
      services["pipeline.create"]({ dir: join(root, "too-short"), projects: [projects.scaler.dir] }, { signal }),
    ).rejects.toThrow();
    const p = await services["pipeline.create"]({ dir: pipelineDir, projects: [projects.scaler.dir, projects.classifier.dir] }, { signal });
    expect(p.steps.map((s) => [s.name, s.bindToPort, s.state])).toEqual([
      [projects.scaler.manifest.name, 8080, "stopped"],
      [projects.classifier.manifest.name, 8081, "stopped"],
    ]);
    expect(JSON.parse(readFileSync(join(pipelineDir, "stagemaker-pipeline.json"), "utf8")).steps).toHaveLength(2);
  });

  it("runs every container, each on its own SAGEMAKER_BIND_TO_PORT", async () => {
    const events: string[] = [];
    const p = await services["pipeline.run"]({ pipeline: pipelineDir }, (e) => events.push(e.message), { signal });
    expect(p.steps.map((s) => s.state)).toEqual(["healthy", "healthy"]);
    const docker = new Docker();
    const second = (
      await docker.listContainers({ filters: { label: [`com.stagemaker.pipeline=${pipelineDir}`, "com.stagemaker.pipeline-step=1"] } })
    )[0]!;
    expect((await docker.getContainer(second.Id).inspect()).Config.Env).toContain("SAGEMAKER_BIND_TO_PORT=8081");
    expect(second.Ports.some((port) => port.PrivatePort === 8081 && port.PublicPort)).toBe(true);
    expect(events.some((m) => /healthy after/.test(m))).toBe(true);
  }, 300_000);

  it("passes each answer on as the next request and shows every hop with its time", async () => {
    const r = await services["pipeline.invoke"](
      {
        pipeline: pipelineDir,
        body: "5.0,3.0,6.0,2.0\n5.0,3.0,1.0,0.2\n",
        contentType: "text/csv",
        accept: "application/json",
        timeoutMs: 30_000,
      },
      { signal },
    );
    expect(r.ok).toBe(true);
    expect(r.hops).toHaveLength(2);
    expect(r.hops[0]!.request.contentType).toBe("text/csv");
    expect(r.hops[0]!.response.contentType).toMatch(/^text\/csv/);
    const scaled = r.hops[0]!.response.body.trim()
      .split("\n")
      .map((l) => l.split(",").map(Number));
    expect(scaled).toHaveLength(2);
    expect(scaled[0]!.every((v) => Number.isFinite(v))).toBe(true);
    expect(r.hops[1]!.request.body).toBe(r.hops[0]!.response.body); // the answer is the next request
    expect(r.hops.every((h) => h.ms > 0)).toBe(true);
    expect(JSON.parse(r.body)).toEqual({ predictions: [{ label: 1 }, { label: 0 }] });
  }, 60_000);

  it("names the hop that failed", async () => {
    const r = await services["pipeline.invoke"](
      { pipeline: pipelineDir, body: "1,2,3\n", contentType: "text/csv", timeoutMs: 30_000 },
      { signal },
    );
    expect(r.ok).toBe(false);
    expect(r.failure).toMatch(new RegExp(`^step 1 \\(${projects.scaler.manifest.name}\\) answered HTTP 4\\d\\d`));
    expect(r.hops).toHaveLength(1);
  }, 60_000);

  it("batch-transforms through the pipeline with JoinSource=Input", async () => {
    const input = join(root, "iris.csv");
    writeFileSync(input, ["5.0,3.0,6.0,2.0", "5.0,3.0,1.0,0.2", "6.1,2.8,4.7,1.2"].join("\n") + "\n");
    const output = join(root, "out");
    const result = await services["transform.run"](
      TransformInput.parse({ target: pipelineDir, input, output, accept: "text/csv", joinSource: "Input", batchStrategy: "SingleRecord" }),
      () => undefined,
      { signal },
    );
    expect(result.status).toBe("Completed");
    expect(result.settings.endpoint).toBe("pipeline");
    expect(readFileSync(join(output, "iris.csv.out"), "utf8")).toBe("5.0,3.0,6.0,2.0,1\n5.0,3.0,1.0,0.2,0\n6.1,2.8,4.7,1.2,1\n");
  }, 120_000);

  it("stops every container", async () => {
    const p = await services["pipeline.stop"]({ pipeline: pipelineDir }, { signal });
    expect(p.steps.map((s) => s.state)).toEqual(["stopped", "stopped"]);
  }, 120_000);
});
