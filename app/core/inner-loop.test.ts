import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuildEvent, Project, RunEvent } from "../contract";
import { testServicesOptions } from "./testing/test-services-options";
import { createServices } from "./services";
import { cleanUpProject, uniqueName } from "./testing/throwaway-template";
import { scaled } from "../../scripts/test-env/time-factor";

// The whole inner loop on the real server template and engine, sharing one build.
// pip inside the build goes through this machine's TLS-inspecting proxy: trust its CA bundle.

const workspaceDir = mkdtempSync(join(tmpdir(), "smk-ws-"));
const services = createServices(testServicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") }));
const signal = new AbortController().signal;
const request = {
  body: JSON.stringify({ instances: [{ field1: "asdf", field2: 1.2 }] }),
  contentType: "application/json",
  path: "/invocations",
  timeoutMs: 30_000,
} as const;
let project: Project;

beforeAll(async () => {
  project = await services["projects.create"]({ name: uniqueName("loop") }, { signal });
}, scaled(60_000));

afterAll(async () => {
  if (project) await cleanUpProject(project.dir, project.manifest.imageTag);
  await services.close();
});

describe("new → build → run → invoke → edit → reload → stop", () => {
  it("creates a project from the template and lists it as recent", async () => {
    expect(project.manifest.imageTag).toMatch(/^stagemaker\/smk-test-loop-[a-z0-9-]+:latest$/);
    const files = (await services["code.list"]({ project: project.dir }, { signal })).map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["Dockerfile", "model/predictor.py", "stagemaker.json"]));
    expect((await services["projects.recent"]({}, { signal }))[0]).toMatchObject({ dir: project.dir });
  });

  it(
    "builds the image with step progress",
    async () => {
      const events: BuildEvent[] = [];
      const r = await services["build.run"]({ project: project.dir }, (e) => events.push(e), { signal });
      expect(r.tag).toBe(project.manifest.imageTag);
      expect(r.steps).toBeGreaterThan(5);
      expect(events.filter((e) => e.type === "step-done")).toHaveLength(r.steps);
    },
    scaled(600_000),
  );

  it(
    "runs, becomes healthy and answers asdf:2.4",
    async () => {
      await services["projects.saveManifest"](
        { project: project.dir, manifest: { ...project.manifest, env: [{ name: "MAX_BATCH_SIZE", value: "8" }] } },
        { signal },
      );
      const events: RunEvent[] = [];
      const state = await services["run.start"]({ project: project.dir }, (e) => events.push(e), { signal });
      expect(state).toMatchObject({ state: "healthy", image: project.manifest.imageTag });
      expect(events[0]).toMatchObject({ type: "created" });
      expect(events.some((e) => e.type === "log" && /listening on port 8080/.test(e.line))).toBe(true);
      if (state.state !== "healthy") return;
      const info = await new Docker().getContainer(state.containerId).inspect();
      expect(info.Config.Labels).toMatchObject({ "com.stagemaker.project": project.dir, "com.stagemaker.managed": "true" });
      expect(info.Config.Env).toContain("MAX_BATCH_SIZE=8");
      expect(info.Config.Cmd).toEqual(["serve"]);
      expect(info.Mounts.map((m) => [m.Destination, m.RW])).toEqual(
        expect.arrayContaining([
          ["/opt/ml/model", false],
          ["/opt/program/model", false],
        ]),
      );
      expect(info.HostConfig.PortBindings?.["8080/tcp"]?.[0]?.HostIp).toBe("127.0.0.1");
      const r = await services["invoke.send"]({ project: project.dir, ...request }, { signal });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toEqual({ predictions: [{ output_field: "asdf:2.4" }] });
      expect(r.timings.ttfbMs).toBeGreaterThan(0);
    },
    scaled(120_000),
  );

  it(
    "answers with the new code after a one-line edit and a reload",
    async () => {
      const file = await services["code.read"]({ project: project.dir, path: "model/predictor.py" }, { signal });
      const edited = file.content.replace("self.factor = 2.0", "self.factor = 5.0");
      expect(edited).not.toBe(file.content);
      await services["code.write"]({ project: project.dir, path: "model/predictor.py", content: edited }, { signal });
      const before = await services["run.status"]({ project: project.dir }, { signal });
      const state = await services["run.reload"]({ project: project.dir }, () => undefined, { signal });
      expect(state.state).toBe("healthy");
      // Same container: only the server process restarted (dev mode, SIGHUP).
      expect(before.state === "healthy" && state.state === "healthy" && state.containerId === before.containerId).toBe(true);
      const r = await services["invoke.send"]({ project: project.dir, ...request }, { signal });
      expect(JSON.parse(r.body)).toEqual({ predictions: [{ output_field: "asdf:6.0" }] });
    },
    scaled(120_000),
  );

  it(
    "rebuilds and starts a new container when a file outside model/ changed",
    async () => {
      const before = await services["run.status"]({ project: project.dir }, { signal });
      const reqs = await services["code.read"]({ project: project.dir, path: "requirements.txt" }, { signal });
      await services["code.write"]({ project: project.dir, path: "requirements.txt", content: reqs.content + "# a comment\n" }, { signal });
      const state = await services["run.reload"]({ project: project.dir }, () => undefined, { signal });
      expect(state.state).toBe("healthy");
      expect(before.state === "healthy" && state.state === "healthy" && state.containerId !== before.containerId).toBe(true);
      const r = await services["invoke.send"]({ project: project.dir, ...request }, { signal });
      expect(JSON.parse(r.body)).toEqual({ predictions: [{ output_field: "asdf:6.0" }] });
    },
    scaled(300_000),
  );

  it("shows non-2xx answers as results and keeps the history", async () => {
    const bad = await services["invoke.send"]({ project: project.dir, ...request, body: "{not json" }, { signal });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.failure).toBeUndefined();
    const history = await services["invoke.history"]({ project: project.dir }, { signal });
    expect(history.map((h) => h.result.status)).toEqual([bad.status, 200, 200, 200]);
  });

  it("streams the container's logs", async () => {
    const lines: string[] = [];
    await services["run.logs"]({ project: project.dir, tail: 100, follow: false }, (l) => lines.push(l.line), { signal });
    expect(lines.join("\n")).toMatch(/server id/);
  });

  it(
    "stops and removes the container",
    async () => {
      expect(await services["run.stop"]({ project: project.dir }, { signal })).toEqual({ state: "stopped" });
      expect(await services["run.status"]({ project: project.dir }, { signal })).toEqual({ state: "stopped" });
      const r = await services["invoke.send"]({ project: project.dir, ...request }, { signal }).catch((e: unknown) => e);
      expect(r).toMatchObject({ code: "not-running" });
    },
    scaled(60_000),
  );
});
