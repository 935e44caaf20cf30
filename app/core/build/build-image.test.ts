import { mkdtempSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import Docker from "dockerode";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BuildEvent, StagemakerError } from "../../contract";
import { createServices } from "../services";
import { cleanUpProject, throwawayTemplate, uniqueName } from "../testing/throwaway-template";
import { scaled } from "../../../scripts/test-env/time-factor";

const workspaceDir = mkdtempSync(join(tmpdir(), "smk-ws-"));
const made: { dir: string; tag: string }[] = [];
const signal = new AbortController().signal;

afterAll(async () => {
  for (const p of made) await cleanUpProject(p.dir, p.tag);
});

async function projectFrom(dockerfile: string) {
  const templateDir = throwawayTemplate({ Dockerfile: dockerfile, ".dockerignore": "artifacts/\n.stagemaker/\nstagemaker.json\n" });
  const services = createServices({ workspaceDir, stateDir: join(workspaceDir, ".state"), templateDir });
  const p = await services["projects.create"]({ name: uniqueName("build") }, { signal });
  made.push({ dir: p.dir, tag: p.manifest.imageTag });
  return { services, p };
}

describe("build.run on the real engine", () => {
  it("builds, tags, reports steps with cache hits, size and duration", async () => {
    const { services, p } = await projectFrom("FROM debian:bookworm-slim\nRUN echo built > /built.txt\nCOPY VERSION /VERSION\n");
    const first: BuildEvent[] = [];
    const r1 = await services["build.run"]({ project: p.dir }, (e) => first.push(e), { signal });
    expect(r1).toMatchObject({ tag: p.manifest.imageTag, steps: 3 });
    expect(r1.sizeBytes).toBeGreaterThan(1_000_000);
    expect(first.filter((e) => e.type === "step").map((e) => e.type === "step" && `${e.index}/${e.total}`)).toEqual(["1/3", "2/3", "3/3"]);
    const second: BuildEvent[] = [];
    const r2 = await services["build.run"]({ project: p.dir }, (e) => second.push(e), { signal });
    expect(r2.cachedSteps).toBe(2); // RUN and COPY from cache; FROM is never a cache hit
    expect(second.some((e) => e.type === "step-done" && e.cached && e.index === 2)).toBe(true);
  });

  it("reports the failing step and its output when a build breaks", async () => {
    const { services, p } = await projectFrom(
      "FROM debian:bookworm-slim\nRUN echo fine\nRUN echo 'about to fail' && no-such-command-xyz\n",
    );
    const err = await services["build.run"]({ project: p.dir }, () => undefined, { signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StagemakerError);
    expect(err).toMatchObject({ code: "build-failed", detail: { step: 3, instruction: expect.stringContaining("no-such-command-xyz") } });
    expect((err as StagemakerError).message).toContain("step 3/3");
    expect(((err as StagemakerError).detail as { lastLines: string[] }).lastLines.join("\n")).toContain("no-such-command-xyz: not found");
  });

  it("bakes artifacts into /opt/ml/model when the project asks for it", async () => {
    const { services, p } = await projectFrom("FROM debian:bookworm-slim\n");
    writeFileSync(join(p.dir, "artifacts", "weights.txt"), "w=42");
    await services["projects.saveManifest"]({ project: p.dir, manifest: { ...p.manifest, bakeArtifacts: true } }, { signal });
    const r = await services["build.run"]({ project: p.dir }, () => undefined, { signal });
    expect(r.steps).toBe(2);
    let out = "";
    const sink = new Writable({ write: (c: Buffer, _e, done) => ((out += c.toString()), done()) });
    const [, container] = (await new Docker().run(p.manifest.imageTag, ["cat", "/opt/ml/model/weights.txt"], sink, { Tty: true })) as [
      unknown,
      Docker.Container,
    ];
    await container.remove({ force: true });
    expect(out).toBe("w=42");
  });

  it("stops when cancelled and says so", async () => {
    const { services, p } = await projectFrom("FROM debian:bookworm-slim\nRUN sleep 30\n");
    const ac = new AbortController();
    const pending = services["build.run"](
      { project: p.dir },
      (e) => e.type === "step" && e.index === 2 && setTimeout(() => ac.abort(), 300),
      { signal: ac.signal },
    );
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ code: "cancelled" });
    expect(Date.now() - started).toBeLessThan(scaled(15_000));
  });
});
