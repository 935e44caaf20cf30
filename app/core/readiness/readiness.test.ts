// The readiness report on the real template (every point green) and on a deliberately broken image
// (/ping 200 before the model loads, SIGTERM ignored, no 415/406/413, no /execution-parameters, the
// bind-to-port label false and the variable ignored), where each of those points fails with its evidence.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckInput, type CheckPoint, CheckPointId, type CheckReport, type Project } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { cleanUpProject, throwawayTemplate, uniqueName } from "../testing/throwaway-template";
import { testCli } from "../testing/test-cli";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const root = mkdtempSync(join(tmpdir(), "smk-checks-"));
const services = createServices(testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const signal = new AbortController().signal;
let template: Project;
let broken: Project;
let brokenServices: ReturnType<typeof createServices>;

// A server that says it is healthy at once while its model "loads" for 4 s, and ignores SIGTERM.
const BROKEN_SERVE = `import signal, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

signal.signal(signal.SIGTERM, signal.SIG_IGN)
loaded_at = time.monotonic() + 4.0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ping" else 404)
        self.end_headers()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        loading = time.monotonic() < loaded_at
        body = b"model not loaded yet" if loading else b'{"predictions":[]}'
        self.send_response(503 if loading else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
`;

const byId = (r: CheckReport) => Object.fromEntries(r.points.map((p) => [p.id, p])) as Record<CheckPoint["id"], CheckPoint>;

beforeAll(async () => {
  template = await services["projects.create"]({ name: uniqueName("checks") }, { signal });
  await services["build.run"]({ project: template.dir }, () => undefined, { signal });
  const brokenTemplate = throwawayTemplate({
    Dockerfile: `FROM ${template.manifest.imageTag}\nLABEL com.amazonaws.sagemaker.capabilities.accept-bind-to-port=false\nCOPY broken_serve.py /opt/broken_serve.py\nRUN printf '#!/bin/sh\\nexec python /opt/broken_serve.py\\n' >/usr/local/bin/serve && chmod 755 /usr/local/bin/serve\n`,
    "broken_serve.py": BROKEN_SERVE,
  });
  brokenServices = createServices(testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state"), templateDir: brokenTemplate }));
  broken = await brokenServices["projects.create"]({ name: uniqueName("broken") }, { signal });
  await brokenServices["build.run"]({ project: broken.dir }, () => undefined, { signal });
}, 600_000);

afterAll(async () => {
  const docker = new Docker();
  // Nothing is left to remove: each check removed its own containers and model data volume.
  for (const p of [template, broken]) {
    if (!p) continue;
    expect(await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.check=${p.dir}`] } })).toEqual([]);
    expect((await docker.listVolumes({ filters: { label: [`com.stagemaker.project-folder=${p.dir}`] } })).Volumes ?? []).toEqual([]);
  }
  if (broken) await cleanUpProject(broken.dir, broken.manifest.imageTag);
  if (template) await cleanUpProject(template.dir, template.manifest.imageTag);
  await brokenServices?.close();
  await services.close();
});

describe("SageMaker readiness report", () => {
  it("the template passes every point (CLI, --json, exit 0)", async () => {
    const { code, stdout } = await testCli(root, 300_000)(["--json", "check", template.dir, "--memory", "512"]);
    const report = JSON.parse(stdout).value as CheckReport;
    expect(report.points.filter((p) => p.status === "fail")).toEqual([]);
    expect(code).toBe(0);
    const points = byId(report);
    // Every point the report knows, each by name.
    for (const id of CheckPointId.options) {
      expect(points[id].status, id).toBe("pass");
    }
    expect(points["media-types"].evidence.map((e) => e.status)).toEqual(["HTTP 415", "HTTP 406"]);
    expect(points["payload-limit"].evidence[0]!.status).toBe("HTTP 413");
    expect(points["read-only-model"].evidence[0]!.status).toBe("refused: read-only");
    expect(points["memory-limit"].evidence[0]!.detail).toMatch(/of 537 MB/);
    expect(points["image-size"]).toMatchObject({ status: "pass" });
    expect(points["image-size"].evidence.length).toBeGreaterThan(2);
  }, 300_000);

  it("a broken image fails each broken point, with the evidence", async () => {
    const report = await brokenServices["readiness.run"](CheckInput.parse({ project: broken.dir, graceSeconds: 3 }), () => undefined, {
      signal,
    });
    expect(report.ok).toBe(false);
    expect(await brokenServices["readiness.last"]({ project: broken.dir }, { signal })).toEqual(report);
    const points = byId(report);
    expect(points["serve-starts"].status).toBe("pass");
    expect(points["ping-after-load"]).toMatchObject({ status: "fail" });
    expect(points["ping-after-load"].evidence.map((e) => e.status)).toEqual(["HTTP 200", "HTTP 503"]);
    expect(points["ping-after-load"].evidence[1]!.detail).toBe("model not loaded yet");
    expect(points.sigterm).toMatchObject({ status: "fail" });
    expect(points.sigterm.evidence[0]!.status).toMatch(/137.*SIGKILL/);
    expect(points.sigterm.evidence[0]!.ms).toBeGreaterThanOrEqual(3000);
    expect(points["media-types"].status).toBe("fail");
    expect(points["payload-limit"].status).toBe("fail");
    expect(points["execution-parameters"].evidence[0]!.status).toBe("HTTP 404");
    expect(points["bind-to-port"]).toMatchObject({ status: "fail" });
    expect(points["bind-to-port"].evidence[0]!.status).toBe("missing");
    expect(points["bind-to-port"].evidence[1]!.status).toMatch(/no answer/);
    for (const id of ["ping-after-load", "sigterm", "media-types", "payload-limit", "execution-parameters", "bind-to-port"] as const)
      expect(points[id].hint, id).toBeTruthy();
  }, 300_000);
});
