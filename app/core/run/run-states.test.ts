import { createServer, type Server } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContainerState, type Project, RunFailure, type RunEvent, type StagemakerError } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { scaled } from "../../../scripts/test-env/time-factor";
import { createServices } from "../services";
import { cleanUpProject, uniqueName } from "../testing/throwaway-template";

// Run states on the real server template and engine: failed loads, broken reloads, the kept port,
// reload after a build. One project and one build for the file (layers cached with inner-loop's).
const workspaceDir = mkdtempSync(join(tmpdir(), "smk-ws-"));
// Options as a face fills them: the CA bundle is detected from the environment (builds pip-install from PyPI).
const services = createServices(testServicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") }));
const signal = new AbortController().signal;
let project: Project;
let original = "";

const write = (content: string) => services["code.write"]({ project: project.dir, path: "model/predictor.py", content }, { signal });
const manifest = () => JSON.parse(readFileSync(join(project.dir, "stagemaker.json"), "utf8")) as Project["manifest"];
/**
 * Runs (or reloads) and records when each event arrived, to time the failure against the log. A run
 * that fails is a run-failed error carrying the failed state; it comes back here as that state.
 */
async function timed(channel: "run.start" | "run.reload") {
  const events: (RunEvent & { at: number })[] = [];
  const state: ContainerState = await services[channel]({ project: project.dir }, (e) => events.push({ ...e, at: Date.now() }), {
    signal,
  }).catch((err: StagemakerError) => {
    if (err.code !== "run-failed") throw err;
    return { state: "failed" as const, ...RunFailure.parse(err.detail) };
  });
  return { state, events, endedAt: Date.now() };
}

beforeAll(async () => {
  project = await services["projects.create"]({ name: uniqueName("states") }, { signal });
  original = (await services["code.read"]({ project: project.dir, path: "model/predictor.py" }, { signal })).content;
  await services["build.run"]({ project: project.dir }, () => undefined, { signal });
}, scaled(900_000));

afterAll(async () => {
  if (project) await cleanUpProject(project.dir, project.manifest.imageTag);
  await services.close();
});

describe("run states that match reality", () => {
  it(
    "a predictor that raises in __init__ ends as failed with the exception's line and a numpy<2 hint, the container kept",
    async () => {
      await write(
        original.replace(
          "self.factor = 2.0",
          'raise ValueError("numpy.dtype size changed, may indicate binary incompatibility. Expected 96 from C header, got 88 from PyObject")',
        ),
      );
      const { state, events, endedAt } = await timed("run.start");
      expect(state).toMatchObject({
        state: "failed",
        exitCode: null,
        reason: expect.stringContaining("The predictor failed to load: ValueError: numpy.dtype size changed"),
      });
      if (state.state !== "failed") return;
      expect(state.reason).not.toContain("\n");
      expect(state.hint).toContain("numpy<2");
      expect(state.lastLogs.join("\n")).toContain("Traceback");
      // Failed within 2 s of the server logging it (the log line is the earliest sign we can see).
      const logged = events.find((e) => e.type === "log" && e.line.includes("failed to load"));
      expect(logged).toBeDefined();
      console.info(`failed load: run ended ${endedAt - logged!.at} ms after the server logged the failure`);
      expect(endedAt - logged!.at).toBeLessThan(scaled(2000));
      // Kept for its log: the status says the same, Invoke gets the server's own 503.
      expect(await services["run.status"]({ project: project.dir }, { signal })).toMatchObject({
        state: "failed",
        containerId: state.containerId,
        hint: expect.stringContaining("numpy<2"),
      });
    },
    scaled(180_000),
  );

  it(
    "reload after a fix is healthy; a saved syntax error fails fast with the traceback in the log; the next fix reloads again",
    async () => {
      await write(original);
      const fixed = await timed("run.reload");
      expect(fixed.state).toMatchObject({ state: "healthy" });

      await write(original.replace("self.factor = 2.0", "self.factor = = 2.0"));
      const broken = await timed("run.reload");
      expect(broken.state).toMatchObject({ state: "failed", reason: expect.stringContaining("SyntaxError") });
      const lines = broken.events.filter((e) => e.type === "log").map((e) => (e.type === "log" ? e.line : ""));
      expect(lines.join("\n")).toMatch(/SIGHUP[\s\S]*SyntaxError/);
      const logged = broken.events.find((e) => e.type === "log" && e.line.includes("SyntaxError"));
      console.info(`syntax error on reload: failed ${broken.endedAt - logged!.at} ms after the server logged it`);
      expect(broken.endedAt - logged!.at).toBeLessThan(scaled(2000));
      expect(await services["run.status"]({ project: project.dir }, { signal })).toMatchObject({ state: "failed" });

      await write(original.replace("self.factor = 2.0", "self.factor = 3.0"));
      const again = await timed("run.reload");
      expect(again.state).toMatchObject({ state: "healthy" });
      const r = await services["invoke.send"](
        {
          project: project.dir,
          body: '{"instances": [{"field1": "a", "field2": 1}]}',
          contentType: "application/json",
          path: "/invocations",
          timeoutMs: 30_000,
        },
        { signal },
      );
      expect(JSON.parse(r.body)).toEqual({ predictions: [{ output_field: "a:3.0" }] });
    },
    scaled(180_000),
  );

  it(
    "keeps the host port across restarts (remembered in stagemaker.json), and says so when it must change",
    async () => {
      const first = await timed("run.start");
      expect(first.state.state).toBe("healthy");
      const port = first.state.state === "healthy" ? first.state.hostPort : 0;
      expect(manifest().run.hostPort).toBe(port);
      const second = await timed("run.start");
      expect(second.state).toMatchObject({ state: "healthy", hostPort: port });

      await services["run.stop"]({ project: project.dir }, { signal });
      // Someone else takes the port meanwhile.
      const squatter: Server = createServer();
      await new Promise<void>((done) => squatter.listen(port, "127.0.0.1", done));
      try {
        const third = await timed("run.start");
        expect(third.state.state).toBe("healthy");
        const moved = third.state.state === "healthy" ? third.state.hostPort : 0;
        expect(moved).not.toBe(port);
        expect(third.events.find((e) => e.type === "notice")).toMatchObject({ message: expect.stringContaining(`Port ${port} is taken`) });
        expect(manifest().run.hostPort).toBe(moved);
      } finally {
        squatter.close();
      }
    },
    scaled(180_000),
  );

  it(
    "reload after a build runs the new image",
    async () => {
      const before = await services["run.status"]({ project: project.dir }, { signal });
      expect(before.state).toBe("healthy");
      const reqs = await services["code.read"]({ project: project.dir, path: "requirements.txt" }, { signal });
      await services["code.write"](
        { project: project.dir, path: "requirements.txt", content: `${reqs.content}# ${Date.now()}\n` },
        { signal },
      );
      const built = await services["build.run"]({ project: project.dir }, () => undefined, { signal });
      expect(before.state === "healthy" && before.imageId).not.toBe(built.imageId);
      const after = await timed("run.reload");
      expect(after.state).toMatchObject({ state: "healthy", imageId: built.imageId });
      await services["run.stop"]({ project: project.dir }, { signal });
    },
    scaled(600_000),
  );
});
