// The readiness report on projects made by `stagemaker new --from` from models the test trains:
// each is "ready" (exit 0) when run as SageMaker would run it (model data copied into
// /opt/ml/model, no host folder). Broken on purpose, the right point fails at once, with the
// server's reason: the model data missing, an instance of the wrong architecture.
import { mkdtempSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckPoint, CheckReport } from "../../contract";
import { type TrainedModel, trainModels } from "../model/testing/trained-models";
import { cleanUpProject } from "../testing/throwaway-template";
import { testCli } from "../testing/test-cli";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-checks-models-"));
const docker = new Docker();
let models: Record<string, TrainedModel> = {};
const made: string[] = [];

const cli = testCli(root, 900_000);

const byId = (r: CheckReport) => Object.fromEntries(r.points.map((p) => [p.id, p])) as Record<CheckPoint["id"], CheckPoint>;

/** Containers (and model data volumes) a finished command left behind for a project folder: none expected. */
async function leftBehind(dir: string): Promise<string[]> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`com.stagemaker.project-folder=${dir}`, "com.stagemaker.kind=check"] },
  });
  const volumes = (await docker.listVolumes({ filters: { label: [`com.stagemaker.project-folder=${dir}`] } })).Volumes ?? [];
  return [...containers.map((c) => c.Id), ...volumes.map((v) => v.Name)];
}

async function newProject(kind: string, folder = kind): Promise<string> {
  const m = models[kind]!;
  const dir = join(root, folder);
  made.push(dir);
  const created = await cli(["new", dir, "--name", `smk-test-containers-${kind}`, "--from", join(m.dir, m.artifact)]);
  expect(created.code, created.stderr).toBe(0);
  const built = await cli(["build", dir]);
  expect(built.code, built.stderr).toBe(0);
  return dir;
}

/** One project per kind the app generates a predictor for. */
const KINDS = ["sklearn", "xgboost-json", "lightgbm", "catboost", "onnx"];

beforeAll(async () => {
  models = await trainModels(["sklearn", "xgboost", "lightgbm", "catboost", "onnx"]);
}, 900_000 * factor);

afterAll(async () => {
  for (const dir of made) await cleanUpProject(dir); // containers only: the images stay as the next run's cache
});

describe("stagemaker check on projects made from model files", () => {
  it.concurrent.each(KINDS)(
    "%s: ready, run as SageMaker would run it, and nothing left behind",
    async (kind) => {
      const dir = await newProject(kind);
      const r = await cli(["--json", "check", dir]);
      const report = JSON.parse(r.stdout).value as CheckReport;
      expect(
        report.points.filter((p) => p.status === "fail"),
        r.stdout,
      ).toEqual([]);
      expect(r.code).toBe(0);
      const points = byId(report);
      // The model data came as SageMaker brings it (a volume, read-only), under ml.m5.large's 8 GiB.
      expect(points["serve-starts"].evidence[0]!.command).toMatch(
        /--memory 8192m --cap-drop ALL --security-opt no-new-privileges .*-v MODEL_DATA:\/opt\/ml\/model:ro/,
      );
      expect(points["read-only-model"].evidence[0]!.status).toBe("refused: read-only");
      expect(points["bind-to-port"].status).toBe("pass");
      expect(await leftBehind(dir)).toEqual([]);
    },
    1_800_000 * factor,
  );

  it(
    "a project whose model data is missing fails at start-up with the server's reason, at once",
    async () => {
      const dir = await newProject("sklearn", "sklearn-without-model-data").then(async (d) => {
        for (const f of await readdir(join(d, "artifacts"))) await rm(join(d, "artifacts", f), { recursive: true });
        return d;
      });
      const started = performance.now();
      const r = await cli(["--json", "check", dir, "--instance-type", "ml.c5.large"]);
      const elapsed = performance.now() - started;
      expect(r.code).toBe(13);
      const points = byId(JSON.parse(r.stdout).value as CheckReport);
      expect(points["serve-starts"].status).toBe("pass"); // the server runs; its model does not load
      expect(points["ping-within-limit"]).toMatchObject({ status: "fail" });
      expect(points["ping-within-limit"].hint).toMatch(/failed to load.*(FileNotFoundError|No such file)/is);
      expect(points["ping-within-limit"].hint).toContain("put the file it loads in artifacts/");
      // Both starts stop at the server's "failed" answer instead of waiting out a limit.
      expect(points["bind-to-port"].status).toBe("fail");
      expect(points["bind-to-port"].evidence[1]!.ms!).toBeLessThan(15_000 * factor);
      expect(points["bind-to-port"].hint).toMatch(/failed to load/i);
      expect(points["memory-limit"].title).toMatch(/4096 MB/); // ml.c5.large: 2 vCPU × 2 GiB
      expect(elapsed).toBeLessThan(120_000 * factor);
      expect(await leftBehind(dir)).toEqual([]);
    },
    1_800_000 * factor,
  );

  it(
    "an amd64 image checked for a Graviton instance fails the platform point with exec format error",
    async () => {
      const dir = join(root, "sklearn");
      const r = await cli(["--json", "check", dir, "--instance-type", "ml.c7g.large"]);
      expect(r.code).toBe(13);
      const report = JSON.parse(r.stdout).value as CheckReport;
      const points = byId(report);
      expect(points.platform).toMatchObject({ status: "fail" });
      expect(points.platform.evidence[1]!.detail).toMatch(/Graviton/);
      expect(points.platform.hint).toMatch(/exec format error/);
      expect(report.points.filter((p) => p.status === "fail").map((p) => p.id)).toEqual(["platform"]);
    },
    1_800_000 * factor,
  );
});
