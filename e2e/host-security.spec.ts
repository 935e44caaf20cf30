import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";

/** Raw HTTP, so the test controls Host and Origin exactly as an attacker's browser or proxy would. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? "GET", headers: opts.headers },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", fail);
    req.end(opts.body);
  });
}

test.describe("browser host refuses what is not the app", () => {
  test("a request without the token is refused", async ({ host }) => {
    const r = await raw(`${host.origin}/api/call/engine.status`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { detail: { refused: "token" } } });
  });

  test("a foreign Origin is refused even with the token", async ({ host }) => {
    const r = await raw(`${host.origin}/api/call/projects.recent`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Stagemaker-Token": host.token, Origin: "https://attacker.example" },
      body: "{}",
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.detail.refused).toBe("origin");
  });

  test("a rebinding Host is refused, for the page and the API", async ({ host }) => {
    const port = new URL(host.origin).port;
    expect((await raw(`${host.origin}/`, { headers: { Host: `attacker.example:${port}` } })).status).toBe(403);
    const r = await raw(`${host.origin}/api/call/projects.recent`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Stagemaker-Token": host.token, Host: `attacker.example:${port}` },
      body: "{}",
    });
    expect(r.status).toBe(403);
  });

  test("a path outside the project is refused (read, write, upload)", async ({ host }) => {
    const headers = { "Content-Type": "application/json", "X-Stagemaker-Token": host.token };
    const created = await raw(`${host.origin}/api/call/projects.create`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "security-check" }),
    });
    const project: string = JSON.parse(created.body).value.dir;

    const read = await raw(`${host.origin}/api/call/code.read`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project, path: "../../../../etc/passwd" }),
    });
    expect(JSON.parse(read.body).error.code).toBe("outside-project");
    expect(read.body).not.toContain("root:");

    const write = await raw(`${host.origin}/api/call/code.write`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project, path: "../escaped.txt", content: "x" }),
    });
    expect(JSON.parse(write.body).ok).toBe(false);
    expect(existsSync(join(project, "..", "escaped.txt"))).toBe(false);

    const upload = await raw(
      `${host.origin}/api/artifacts/upload?project=${encodeURIComponent(project)}&path=${encodeURIComponent("../../escaped.bin")}`,
      {
        method: "PUT",
        headers: { "X-Stagemaker-Token": host.token },
        body: "x",
      },
    );
    expect(upload.status).toBe(400);
    expect(existsSync(join(project, "..", "escaped.bin"))).toBe(false);

    // The same route with a path inside artifacts/ lands on disk, streamed.
    const good = await raw(`${host.origin}/api/artifacts/upload?project=${encodeURIComponent(project)}&path=weights%2Fw.bin`, {
      method: "PUT",
      headers: { "X-Stagemaker-Token": host.token },
      body: "0123456789",
    });
    expect(JSON.parse(good.body)).toEqual({ ok: true, value: { path: "weights/w.bin", size: 10 } });
    expect(readFileSync(join(project, "artifacts", "weights", "w.bin"), "utf8")).toBe("0123456789");
  });

  test("in the browser: the token leaves the address bar, the page is under a strict CSP, and a foreign page cannot call", async ({
    host,
    page,
    context,
  }) => {
    const response = await page.goto(host.url);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await expect.poll(() => page.url()).not.toContain("token=");

    // Same origin without the token header: refused; with it: answered.
    const withoutToken = await page.evaluate(
      async () =>
        (await fetch("/api/call/engine.status", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status,
    );
    expect(withoutToken).toBe(401);
    const withToken = await page.evaluate(async (token) => {
      const r = await fetch("/api/call/engine.status", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Stagemaker-Token": token },
        body: "{}",
      });
      return (await r.json()).ok as boolean;
    }, host.token);
    expect(withToken).toBe(true);

    // The same host under a name it does not answer to (DNS rebinding) gets a refusal.
    const rebound = await context.newPage();
    const port = new URL(host.origin).port;
    expect((await rebound.goto(`http://localhost.:${port}/`))?.status()).toBe(403);

    // A page of another site that even knows the token cannot make the host act.
    const foreignSite = createServer((_req, res) => res.end("<!doctype html><title>elsewhere</title>"));
    await new Promise<void>((done) => foreignSite.listen(0, "127.0.0.1", done));
    try {
      const foreign = await context.newPage();
      await foreign.goto(`http://127.0.0.1:${(foreignSite.address() as AddressInfo).port}/`);
      const outcome = await foreign.evaluate(
        async ({ origin, token }) => {
          const cors = await fetch(`${origin}/api/call/projects.create`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Stagemaker-Token": token },
            body: JSON.stringify({ name: "made-by-a-foreign-page" }),
          }).then(
            () => "answered",
            () => "blocked",
          );
          // A "simple" request needs no preflight; the host must refuse it on Origin alone.
          await fetch(`${origin}/api/call/projects.create`, {
            method: "POST",
            mode: "no-cors",
            body: JSON.stringify({ name: "made-by-a-foreign-page" }),
          }).catch(() => undefined);
          return cors;
        },
        { origin: host.origin, token: host.token },
      );
      expect(outcome).toBe("blocked");
      expect(existsSync(join(host.workspaceDir, "made-by-a-foreign-page"))).toBe(false);
    } finally {
      foreignSite.close();
    }
  });
});
