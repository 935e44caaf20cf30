// The browser face stopped with SIGTERM (as a terminal or a service manager stops it) leaves no
// container it started: not the tools container, not the schema reader, not the project's server.
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { scaled } from "../../scripts/test-env/time-factor";
import { spawnHost, type SpawnedHost } from "../../scripts/spawn-host";
import { cleanUpProject } from "../core/testing/throwaway-template";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const docker = new Docker();
let host: SpawnedHost | undefined;
let projectDir: string | undefined;

async function call(
  h: SpawnedHost,
  kind: "call" | "stream",
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const res = await fetch(`${h.origin}/api/${kind}/${channel}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Stagemaker-Token": h.token },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  if (kind === "call") return JSON.parse(text) as { ok: boolean };
  const last = text.trim().split("\n").at(-1)!;
  return (JSON.parse(last) as { result: { ok: boolean } }).result;
}

afterAll(async () => {
  await host?.stop();
  if (projectDir) await cleanUpProject(projectDir);
});

describe("quitting the browser face", () => {
  it(
    "SIGTERM stops every container it started, the running project's server too",
    async () => {
      host = await spawnHost({ quiet: true });
      const created = (await call(host, "call", "projects.create", { name: `smk-test-containers-quit-${process.pid}` })) as {
        ok: boolean;
        value: { dir: string; manifest: { imageTag: string } };
      };
      expect(created.ok).toBe(true);
      projectDir = created.value.dir;
      expect(await call(host, "stream", "build.run", { project: projectDir })).toMatchObject({ ok: true });
      expect(await call(host, "call", "schemas.read", { project: projectDir, refresh: true })).toMatchObject({ ok: true });
      expect(await call(host, "call", "diagnostics.check", { project: projectDir })).toMatchObject({ ok: true });
      expect(await call(host, "stream", "run.start", { project: projectDir })).toMatchObject({
        ok: true,
        value: { state: "healthy" },
      });
      const mine = () => docker.listContainers({ all: true, filters: { label: [`com.stagemaker.project-folder=${projectDir}`] } });
      expect(new Set((await mine()).map((c) => c.Labels["com.stagemaker.kind"]))).toEqual(new Set(["server", "tools"]));

      await host.stop(); // SIGTERM
      host = undefined;
      expect(await mine()).toEqual([]);
      await docker
        .getImage(created.value.manifest.imageTag)
        .remove({ force: true })
        .catch(() => undefined);
    },
    scaled(900_000),
  );
});
