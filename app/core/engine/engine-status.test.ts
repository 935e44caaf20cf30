import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createServices } from "../services";
import { throwawayTemplate, uniqueName } from "../testing/throwaway-template";

const signal = new AbortController().signal;
const dirs = () => {
  const ws = mkdtempSync(join(tmpdir(), "smk-ws-"));
  return { workspaceDir: ws, stateDir: join(ws, ".state"), templateDir: throwawayTemplate({ Dockerfile: "FROM scratch\n" }) };
};

describe("engine status", () => {
  it("reports a running engine with its version", async () => {
    const s = await createServices(dirs())["engine.status"]({}, { signal });
    expect(s).toMatchObject({ state: "reachable", version: expect.stringMatching(/\d+\.\d+/), apiVersion: expect.any(String) });
  });

  it("turns a dead DOCKER_HOST into a clear status, and engine work into engine-unreachable", async () => {
    const dead = join(mkdtempSync(join(tmpdir(), "smk-dead-")), "docker.sock");
    writeFileSync(dead, ""); // a file where a socket should be: nothing answers
    for (const host of [`unix://${dead}`, "unix:///nonexistent/docker.sock"]) {
      const services = createServices({ ...dirs(), docker: { host }, templateDir: throwawayTemplate({ Dockerfile: "FROM scratch\n" }) });
      const status = await services["engine.status"]({}, { signal });
      expect(status).toMatchObject({ state: "unreachable", host, source: "DOCKER_HOST" });
      if (status.state === "unreachable") {
        expect(status.reason).toContain(host);
        expect(status.hint).toMatch(/Start Docker/);
      }
      const p = await services["projects.create"]({ name: uniqueName("down") }, { signal });
      await expect(services["build.run"]({ project: p.dir }, () => undefined, { signal })).rejects.toMatchObject({
        code: "engine-unreachable",
      });
      await expect(services["run.status"]({ project: p.dir }, { signal })).rejects.toMatchObject({ code: "engine-unreachable" });
    }
  });

  it("reports a malformed DOCKER_HOST instead of crashing", async () => {
    const s = await createServices({ ...dirs(), docker: { host: "not a url" } })["engine.status"]({}, { signal });
    expect(s).toMatchObject({
      state: "unreachable",
      reason: expect.stringContaining("not an engine address"),
      hint: expect.stringContaining("DOCKER_HOST"),
    });
  });
});
