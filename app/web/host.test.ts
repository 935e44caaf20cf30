import { request } from "node:http";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StagemakerError, type Services } from "../contract";
import { bindServices } from "../faces-common/binding";
import { startHost, type RunningHost } from "./host";
import { scaled } from "../../scripts/test-env/time-factor";

// A test double for the core: this suite is about the host's wire and security behaviour only.
let buildAborted: () => void = () => undefined;
const buildCancelled = new Promise<void>((done) => (buildAborted = done));
const fake = {
  "artifacts.upload": async ({ project, path }: { project: string; path: string }, body: { bytes: AsyncIterable<Uint8Array> }) => {
    let content = "";
    for await (const chunk of body.bytes) content += Buffer.from(chunk).toString();
    uploads.push({ project, relPath: path, content });
    return { path, size: content.length };
  },
  "engine.status": async () => ({
    state: "reachable",
    host: "unix:///fake",
    source: "platform-default",
    version: "1",
    apiVersion: "1",
    os: "linux",
    arch: "x64",
  }),
  "code.read": async (input: { path: string }) => {
    if (input.path.startsWith("..")) throw new StagemakerError("outside-project", "outside");
    return { path: input.path, content: "x", size: 1 };
  },
  "build.run": async (_input: unknown, emit: (e: unknown) => void, ctx: { signal: AbortSignal }) => {
    emit({ type: "step", step: 1, total: 2, instruction: "FROM x" });
    if ((_input as { project: string }).project === "/slow") {
      await new Promise<void>((done) => ctx.signal.addEventListener("abort", () => done()));
      buildAborted();
      throw new StagemakerError("cancelled", "cancelled");
    }
    return { imageId: "sha256:1", tag: "t", size: 1, durationMs: 1 };
  },
} as unknown as Services;

let host: RunningHost;
let dir: string;
const uploads: { project: string; relPath: string; content: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "host-test-"));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>app</title>");
  await writeFile(join(dir, "assets", "main-abc.js"), "console.log(1)");
  await writeFile(join(tmpdir(), "host-test-secret.txt"), "secret");
  await mkdir(join(dir, "..", `${basename(dir)}-res`), { recursive: true });
  await writeFile(join(dir, "..", `${basename(dir)}-res`, "icon.png"), "PNGDATA");
  host = await startHost({
    binding: bindServices(fake),
    rendererDir: dir,
    iconPath: join(dir, "..", `${basename(dir)}-res`, "icon.png"),
  });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}-res`, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port: host.port, path, method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end(opts.body);
  });
}
const auth = () => ({ "X-Stagemaker-Token": host.token, "Content-Type": "application/json" });

describe("browser host security", () => {
  it("binds to 127.0.0.1 and puts a long random token in the URL", () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });
  it("refuses a call without the token, or with a wrong one", async () => {
    expect((await send("/api/call/engine.status", { method: "POST", body: "{}" })).status).toBe(401);
    const wrong = await send("/api/call/engine.status", {
      method: "POST",
      body: "{}",
      headers: { ...auth(), "X-Stagemaker-Token": "x".repeat(host.token.length) },
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { detail: { refused: "token" } } });
  });
  it("refuses a foreign Origin even with the token", async () => {
    const r = await send("/api/call/engine.status", { method: "POST", body: "{}", headers: { ...auth(), Origin: "https://evil.example" } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.detail.refused).toBe("origin");
  });
  it("refuses a rebinding Host, for pages and the API", async () => {
    expect((await send("/", { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
    const r = await send("/api/call/engine.status", {
      method: "POST",
      body: "{}",
      headers: { ...auth(), Host: `evil.example:${host.port}` },
    });
    expect(JSON.parse(r.body).error.detail.refused).toBe("host");
  });
  it("serves the renderer with a strict CSP and never a file outside it", async () => {
    const page = await send("/");
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect((await send("/assets/main-abc.js")).headers["cache-control"]).toContain("immutable");
    expect((await send("/projects/x")).body).toContain("<title>app</title>");
    const icon = await send("/favicon.ico");
    expect([icon.status, icon.headers["content-type"], icon.body]).toEqual([200, "image/png", "PNGDATA"]);
    for (const p of ["/../host-test-secret.txt", "/%2e%2e/host-test-secret.txt", "/..%2fhost-test-secret.txt"]) {
      expect((await send(p)).body).not.toContain("secret");
    }
  });
});

describe("browser host wire shape", () => {
  it("answers a call with the envelope", async () => {
    const r = await send("/api/call/engine.status", { method: "POST", body: "{}", headers: { ...auth(), Origin: host.origin } });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { state: "reachable" } });
  });
  it("parses every input with the contract and keeps the core's error code", async () => {
    const bad = await send("/api/call/code.read", { method: "POST", body: JSON.stringify({ project: "/p" }), headers: auth() });
    expect([bad.status, JSON.parse(bad.body).error.code]).toEqual([400, "invalid-input"]);
    const outside = await send("/api/call/code.read", {
      method: "POST",
      body: JSON.stringify({ project: "/p", path: "../../etc/passwd" }),
      headers: auth(),
    });
    expect([outside.status, JSON.parse(outside.body).error.code]).toEqual([403, "outside-project"]);
    expect((await send("/api/call/nope.nothing", { method: "POST", body: "{}", headers: auth() })).status).toBe(404);
    expect((await send("/api/call/build.run", { method: "POST", body: "{}", headers: auth() })).status).toBe(404);
  });
  it("refuses a JSON body over the cap and still answers", async () => {
    const big = JSON.stringify({ project: "/p", path: "x", content: "a".repeat(33 * 1024 * 1024) });
    const r = await send("/api/call/code.read", { method: "POST", body: big, headers: auth() });
    expect([r.status, JSON.parse(r.body).error.message]).toEqual([400, expect.stringContaining("larger than")]);
  });
  it("streams events as NDJSON and ends with the result line", async () => {
    const r = await send("/api/stream/build.run", { method: "POST", body: JSON.stringify({ project: "/p" }), headers: auth() });
    const lines = r.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ event: { type: "step", step: 1, total: 2, instruction: "FROM x" } });
    expect(lines.at(-1)).toMatchObject({ result: { ok: true, value: { tag: "t" } } });
  });
  it("cancels the core's work when the client disconnects", async () => {
    const req = request({ host: "127.0.0.1", port: host.port, path: "/api/stream/build.run", method: "POST", headers: auth() });
    req.on("error", () => undefined);
    req.end(JSON.stringify({ project: "/slow" }));
    await new Promise<void>((done) => req.on("response", (res) => res.once("data", () => done())));
    req.destroy();
    await expect(
      Promise.race([buildCancelled.then(() => "aborted"), new Promise((d) => setTimeout(() => d("still running"), scaled(3000)))]),
    ).resolves.toBe("aborted");
  });
  it("streams an upload body to the core's import and refuses paths leaving artifacts/", async () => {
    const ok = await send(`/api/artifacts/upload?project=${encodeURIComponent("/p")}&path=dir%2Fw.bin`, {
      method: "PUT",
      body: "weights",
      headers: { "X-Stagemaker-Token": host.token },
    });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { path: "dir/w.bin", size: 7 } });
    expect(uploads.at(-1)).toEqual({ project: "/p", relPath: "dir/w.bin", content: "weights" });
    for (const p of ["../x", "/etc/x", "a/../../x"]) {
      const r = await send(`/api/artifacts/upload?project=%2Fp&path=${encodeURIComponent(p)}`, {
        method: "PUT",
        body: "x",
        headers: { "X-Stagemaker-Token": host.token },
      });
      expect(r.status).toBe(400);
    }
    expect(uploads).toHaveLength(1);
  });
});
