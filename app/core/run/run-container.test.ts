import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RunFailure, type RunEvent, type StagemakerError } from "../../contract";
import { scaled } from "../../../scripts/test-env/time-factor";
import { createServices } from "../services";
import { cleanUpProject, throwawayTemplate, uniqueName } from "../testing/throwaway-template";

const workspaceDir = mkdtempSync(join(tmpdir(), "smk-ws-"));
const made: { dir: string; tag: string }[] = [];
const signal = new AbortController().signal;

afterAll(async () => {
  for (const p of made) await cleanUpProject(p.dir, p.tag);
});

async function builtProject(serveScript: string) {
  const dockerfile = [
    "FROM debian:bookworm-slim",
    "COPY serve /usr/local/bin/serve",
    "RUN chmod 755 /usr/local/bin/serve",
    'CMD ["serve"]',
  ].join("\n");
  const templateDir = throwawayTemplate({ Dockerfile: dockerfile, serve: serveScript, "model/predictor.py": "" });
  const services = createServices({ workspaceDir, stateDir: join(workspaceDir, ".state"), templateDir });
  const p = await services["projects.create"]({ name: uniqueName("run") }, { signal });
  made.push({ dir: p.dir, tag: p.manifest.imageTag });
  await services["build.run"]({ project: p.dir }, () => undefined, { signal });
  return { services, p };
}

describe("run.start on the real engine", () => {
  it("asks for a build first when the image does not exist", async () => {
    const templateDir = throwawayTemplate({ Dockerfile: "FROM debian:bookworm-slim\n" });
    const services = createServices({ workspaceDir, stateDir: join(workspaceDir, ".state"), templateDir });
    const p = await services["projects.create"]({ name: uniqueName("unbuilt") }, { signal });
    await expect(services["run.start"]({ project: p.dir }, () => undefined, { signal })).rejects.toMatchObject({
      code: "not-found",
      message: expect.stringContaining("Build the project first"),
    });
    await expect(
      services["invoke.send"](
        { project: p.dir, body: "{}", contentType: "application/json", path: "/invocations", timeoutMs: 1000 },
        { signal },
      ),
    ).rejects.toMatchObject({ code: "not-running" });
  });

  /** A run that never became healthy fails with run-failed; its detail is the RunFailure. */
  const runFailure = (run: Promise<unknown>): Promise<RunFailure> =>
    run.then(
      (value) => {
        throw new Error(`expected run-failed, got ${JSON.stringify(value)}`);
      },
      (err: StagemakerError) => {
        expect(err.code).toBe("run-failed");
        return RunFailure.parse(err.detail);
      },
    );

  it(
    "reports the exit code and last log lines of a container that crashes at start",
    async () => {
      const { services, p } = await builtProject(
        "#!/bin/sh\necho 'loading model from /opt/ml/model'\necho 'ImportError: no module named torch' >&2\nexit 3\n",
      );
      const events: RunEvent[] = [];
      const state = await runFailure(services["run.start"]({ project: p.dir }, (e) => events.push(e), { signal }));
      expect(state).toMatchObject({ exitCode: 3 });
      expect(state.reason).toContain("exited with code 3");
      // stdout and stderr are captured separately by the engine, so lines a microsecond apart may swap.
      expect(state.lastLogs.sort()).toEqual(["ImportError: no module named torch", "loading model from /opt/ml/model"]);
      // Found again by label, as after an app restart.
      expect(await services["run.status"]({ project: p.dir }, { signal })).toMatchObject({ state: "failed", exitCode: 3 });
      expect(await services["run.stop"]({ project: p.dir }, { signal })).toEqual({ state: "stopped" });
      expect(await services["run.status"]({ project: p.dir }, { signal })).toEqual({ state: "stopped" });
    },
    scaled(120_000),
  );

  it(
    "gives up after the health limit when /ping never answers, and says how long it waited",
    async () => {
      const { services, p } = await builtProject(
        "#!/bin/sh\ntrap 'exit 0' TERM\necho 'warming up forever'\nwhile true; do sleep 0.2; done\n",
      );
      await services["projects.saveManifest"](
        { project: p.dir, manifest: { ...p.manifest, run: { ...p.manifest.run, healthTimeoutSeconds: 2 } } },
        { signal },
      );
      const waiting: RunEvent[] = [];
      const state = await runFailure(services["run.start"]({ project: p.dir }, (e) => e.type === "waiting" && waiting.push(e), { signal }));
      expect(state).toMatchObject({ exitCode: null, lastLogs: ["warming up forever"] });
      expect(state.reason).toContain("within 2 s");
      expect(waiting.length).toBeGreaterThan(0);
      await services["run.stop"]({ project: p.dir }, { signal });
    },
    scaled(120_000),
  );

  it(
    "ends a start that is still waiting when the container is stopped",
    async () => {
      const { services, p } = await builtProject("#!/bin/sh\ntrap 'exit 0' TERM\nwhile true; do sleep 0.2; done\n");
      let stopping: Promise<unknown> | undefined;
      const state = await runFailure(
        services["run.start"](
          { project: p.dir },
          (e) => {
            if (e.type === "created") stopping = services["run.stop"]({ project: p.dir }, { signal });
          },
          { signal },
        ),
      );
      await stopping;
      expect(state).toMatchObject({ reason: expect.stringMatching(/stopped|exited/) });
      expect(await services["run.status"]({ project: p.dir }, { signal })).toEqual({ state: "stopped" });
    },
    scaled(120_000),
  );
});
