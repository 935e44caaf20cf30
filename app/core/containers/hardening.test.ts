// Every container the app starts in a full flow — the project's server, the schema reader, the
// tools container, a transform's server, the readiness probes, a pipeline's steps — is inspected
// on the real engine the moment it is created and carries its kind's profile. Closing the
// services (what every face does on quit) leaves none of them, unless the person chose to keep
// the server running.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckInput, type Project, TransformInput } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { cleanUpProject } from "../testing/throwaway-template";
import { PROFILE_OF, type ContainerKind } from "./container-profile";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-hardening-"));
const options = testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") });
const docker = new Docker();
const signal = new AbortController().signal;
let project: Project;

/** What the engine says about each container created while the flow ran, read at its create event. */
const seen = new Map<string, { kind: ContainerKind; session: string; host: Docker.HostConfig; ports: unknown }>();
let events: NodeJS.ReadableStream | undefined;

beforeAll(async () => {
  const services = createServices(options);
  project = await services["projects.create"]({ name: `smk-test-containers-hardening-${process.pid}` }, { signal });
  await services["build.run"]({ project: project.dir }, () => undefined, { signal });
  await services.close();
  events = (await docker.getEvents({
    filters: { type: ["container"], event: ["create"], label: [`com.stagemaker.project-folder=${project.dir}`] },
  })) as NodeJS.ReadableStream;
  let partial = "";
  events.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      const id = (JSON.parse(line) as { id: string }).id;
      void docker
        .getContainer(id)
        .inspect()
        .then((info) =>
          seen.set(id, {
            kind: info.Config.Labels["com.stagemaker.kind"] as ContainerKind,
            session: info.Config.Labels["com.stagemaker.session"]!,
            host: info.HostConfig,
            ports: info.HostConfig.PortBindings,
          }),
        )
        .catch(() => undefined); // removed before it could be read: its kind shows up again below
    }
  });
}, 900_000 * factor);

afterAll(async () => {
  (events as unknown as { destroy?: () => void } | undefined)?.destroy?.();
  if (project) await cleanUpProject(project.dir, project.manifest.imageTag);
});

const running = async (session: string) =>
  (await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.session=${session}`] } })).map(
    (c) => c.Labels["com.stagemaker.kind"],
  );

describe("the hardening profile of every container the app starts", () => {
  it(
    "each kind in a full flow has it, and closing leaves none",
    async () => {
      const services = createServices(options);
      const input = join(root, "input.jsonl");
      writeFileSync(input, '{"instances":[{"field1":"a","field2":1}]}\n');
      await services["schemas.read"]({ project: project.dir, refresh: true }, { signal });
      await services["diagnostics.check"]({ project: project.dir, paths: ["model"] }, { signal });
      await services["transform.run"](
        TransformInput.parse({ target: project.dir, input, output: join(root, "out"), contentType: "application/json" }),
        () => undefined,
        { signal },
      );
      await services["readiness.run"](CheckInput.parse({ project: project.dir, graceSeconds: 5, memoryMb: 1024 }), () => undefined, {
        signal,
      });
      const pipeline = join(root, "pipeline");
      await services["pipeline.create"]({ dir: pipeline, projects: [project.dir, project.dir] }, { signal });
      await services["pipeline.run"]({ pipeline }, () => undefined, { signal });
      await services["run.start"]({ project: project.dir }, () => undefined, { signal });

      const wanted: ContainerKind[] = ["server", "schemas", "tools", "transform", "model-data", "check", "pipeline"];
      await expect.poll(() => new Set([...seen.values()].map((s) => s.kind)), { timeout: 10_000 * factor }).toEqual(new Set(wanted));
      for (const [id, { kind, host, ports }] of seen) {
        const where = `${kind} container ${id.slice(0, 12)}`;
        expect(host.CapDrop, where).toEqual(["ALL"]);
        expect(host.CapAdd ?? [], where).toEqual([]);
        expect(host.SecurityOpt, where).toContain("no-new-privileges");
        expect(host.Privileged, where).toBe(false);
        expect(host.Memory, where).toBeGreaterThan(0);
        expect(host.MemorySwap, where).toBe(host.Memory);
        expect(host.PidsLimit, where).toBeGreaterThan(0);
        if (PROFILE_OF[kind] === "sealed") {
          expect(host.NetworkMode, where).toBe("none");
          expect(ports ?? {}, where).toEqual({});
        } else {
          // Served on loopback only.
          const bindings = Object.values((ports ?? {}) as Record<string, Array<{ HostIp: string }>>).flat();
          expect(bindings.length, where).toBeGreaterThan(0);
          for (const b of bindings) expect(b.HostIp, where).toBe("127.0.0.1");
        }
      }
      const session = [...seen.values()][0]!.session;
      expect(new Set(await running(session))).toEqual(new Set(["server", "pipeline", "pipeline", "tools"]));

      await services.close();
      expect(await running(session)).toEqual([]);
    },
    900_000 * factor,
  );

  it(
    "with 'keep running after quit' the project's server stays, the rest goes",
    async () => {
      const services = createServices(options);
      const saved = await services["settings.get"]({}, { signal });
      await services["settings.save"]({ ...saved.saved, keepRunningAfterQuit: true }, { signal });
      const state = await services["run.start"]({ project: project.dir }, () => undefined, { signal });
      await services["schemas.read"]({ project: project.dir, refresh: true }, { signal });
      await services["diagnostics.check"]({ project: project.dir, paths: ["model"] }, { signal });
      const session = (await docker.getContainer(state.state === "healthy" ? state.containerId : "").inspect()).Config.Labels[
        "com.stagemaker.session"
      ]!;
      await services.close();
      expect(await running(session)).toEqual(["server"]);
      await services["settings.save"]({ ...saved.saved, keepRunningAfterQuit: false }, { signal });
    },
    900_000 * factor,
  );
});
