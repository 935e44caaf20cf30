import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerOptions } from "./engine-client";
import { locateEngine } from "./locate-engine";

const none = () => false;

describe("locateEngine", () => {
  it("prefers DOCKER_HOST over a docker context", () => {
    const home = homeWithContext("remote", "tcp://10.0.0.5:2375");
    expect(locateEngine({ env: { DOCKER_HOST: "unix:///tmp/x.sock" }, homeDir: home, exists: none })).toEqual({
      host: "unix:///tmp/x.sock",
      source: "DOCKER_HOST",
    });
  });

  it("uses the current context from ~/.docker/config.json", () => {
    const home = homeWithContext("remote", "tcp://10.0.0.5:2375");
    expect(locateEngine({ env: {}, homeDir: home, exists: none })).toEqual({ host: "tcp://10.0.0.5:2375", source: "docker-context" });
  });

  it("falls back to the platform default for the default context", () => {
    const home = homeWithContext("default", "tcp://ignored:1");
    expect(locateEngine({ env: {}, homeDir: home, platform: "linux", exists: none })).toEqual({
      host: "unix:///var/run/docker.sock",
      source: "platform-default",
    });
  });

  it("finds Docker Desktop's per-user socket on macOS and the pipe on Windows", () => {
    const home = "/Users/ana";
    const desktop = join(home, ".docker/run/docker.sock");
    expect(locateEngine({ env: {}, homeDir: home, platform: "darwin", exists: (p) => p === desktop }).host).toBe(`unix://${desktop}`);
    expect(locateEngine({ env: {}, homeDir: home, platform: "win32", exists: none }).host).toBe("npipe:////./pipe/docker_engine");
  });

  it("finds a rootless Podman socket when Docker's is absent", () => {
    const sock = "/run/user/1000/podman/podman.sock";
    expect(
      locateEngine({ env: { XDG_RUNTIME_DIR: "/run/user/1000" }, homeDir: "/home/x", platform: "linux", exists: (p) => p === sock }).host,
    ).toBe(`unix://${sock}`);
  });

  it("turns host URLs into dockerode options", () => {
    expect(dockerOptions("unix:///var/run/docker.sock")).toEqual({ socketPath: "/var/run/docker.sock" });
    expect(dockerOptions("tcp://10.0.0.5:2375", {})).toEqual({ host: "10.0.0.5", port: 2375, protocol: "http" });
    expect(dockerOptions("tcp://10.0.0.5:2376", { DOCKER_TLS_VERIFY: "1" })).toMatchObject({ protocol: "https" });
    expect(dockerOptions("npipe:////./pipe/docker_engine")).toEqual({ socketPath: "\\\\.\\pipe\\docker_engine" });
  });
});

function homeWithContext(name: string, host: string): string {
  const home = mkdtempSync(join(tmpdir(), "smk-home-"));
  const docker = join(home, ".docker");
  const meta = join(docker, "contexts", "meta", createHash("sha256").update(name).digest("hex"));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(docker, "config.json"), JSON.stringify({ currentContext: name }));
  writeFileSync(join(meta, "meta.json"), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
  return home;
}
