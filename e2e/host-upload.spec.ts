import { request as httpRequest } from "node:http";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { scaled } from "../scripts/test-env/time-factor";

test("an artifact upload cut off midway leaves nothing in artifacts/ (real core)", async ({ host }) => {
  const headers = { "Content-Type": "application/json", "X-Stagemaker-Token": host.token };
  const created = await fetch(`${host.origin}/api/call/projects.create`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "upload-cut" }),
  });
  const project: string = ((await created.json()) as { value: { dir: string } }).value.dir;

  const u = new URL(`${host.origin}/api/artifacts/upload?project=${encodeURIComponent(project)}&path=weights.bin`);
  const req = httpRequest({
    host: u.hostname,
    port: u.port,
    path: u.pathname + u.search,
    method: "PUT",
    headers: { "X-Stagemaker-Token": host.token, "Content-Length": 64 * 1024 * 1024 },
  });
  req.on("error", () => undefined);
  // Send 8 MB of the announced 64 MB, wait until the partial file exists, then drop the connection.
  req.write(Buffer.alloc(8 * 1024 * 1024, 1));
  const artifacts = join(project, "artifacts");
  await expect.poll(() => readdirSync(artifacts).length, { timeout: scaled(10_000) }).toBeGreaterThan(0);
  req.destroy();
  await expect.poll(() => readdirSync(artifacts), { timeout: scaled(10_000) }).toEqual([]);

  const list = await fetch(`${host.origin}/api/call/artifacts.list`, { method: "POST", headers, body: JSON.stringify({ project }) });
  expect(await list.json()).toEqual({ ok: true, value: [] });
});
