import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, listenOnLoopback } from "../testing/local-http";
import { sendInvocation } from "./send-invocation";

let server: Server;
let port: number;
const seen: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      ct: req.headers["content-type"],
      accept: req.headers.accept,
      ca: String(req.headers["x-amzn-sagemaker-custom-attributes"] ?? "") || undefined,
    });
    if (req.url === "/v1/models/m:predict") return res.writeHead(400, { "content-type": "text/plain" }).end("bad instance");
    if (req.headers.accept === "slow") return; // never answers
    if (req.headers.accept === "big") return res.end("x".repeat(3000));
    if (req.headers.accept === "application/x-npy") return req.pipe(res.writeHead(200, { "content-type": "application/x-npy" }));
    if (req.headers.accept === "latin1")
      return res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    req.pipe(res.writeHead(200, { "content-type": "application/json" }));
  });
  port = await listenOnLoopback(server);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const base = { path: "/invocations", body: '{"a":1}', contentType: "application/json", timeoutMs: 5000 } as const;

describe("sendInvocation", () => {
  it("sends a base64 body as its bytes and answers binary bodies base64, never as mangled text", async () => {
    const bytes = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0xff, 0xfe, 0x00, 0x80]);
    const r = await sendInvocation(port, {
      ...base,
      body: bytes.toString("base64"),
      bodyEncoding: "base64",
      contentType: "application/x-npy",
      accept: "application/x-npy",
    });
    expect(r).toMatchObject({ status: 200, bodyEncoding: "base64", bodyBytes: bytes.length });
    expect(Buffer.from(r.body, "base64")).toEqual(bytes);
    expect(seen.at(-1)?.ct).toBe("application/x-npy");
    // Bytes that are not UTF-8 under a text type: base64 too, so nothing is replaced by U+FFFD.
    const latin = await sendInvocation(port, { ...base, accept: "latin1" });
    expect(latin.bodyEncoding).toBe("base64");
    expect([...Buffer.from(latin.body, "base64")]).toEqual([0x63, 0x61, 0x66, 0xe9]);
  });

  it("returns status, headers, body and timings, forwarding SageMaker's headers", async () => {
    const r = await sendInvocation(port, { ...base, accept: "application/json", customAttributes: "trace=1" });
    expect(r).toMatchObject({ status: 200, body: '{"a":1}', bodyBytes: 7, truncated: false });
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.timings.ttfbMs).toBeGreaterThan(0);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.ttfbMs!);
    expect(seen.at(-1)).toEqual({ ct: "application/json", accept: "application/json", ca: "trace=1" });
  });

  it("treats non-2xx answers as results", async () => {
    const r = await sendInvocation(port, { ...base, path: "/v1/models/m:predict" });
    expect(r).toMatchObject({ status: 400, body: "bad instance" });
    expect(r.failure).toBeUndefined();
  });

  it("caps large bodies and reports the true size", async () => {
    const r = await sendInvocation(port, { ...base, accept: "big" }, undefined, 1000);
    expect(r).toMatchObject({ bodyBytes: 3000, truncated: true });
    expect(r.body).toHaveLength(1000);
  });

  it("reports timeouts and refused connections as failures", async () => {
    const slow = await sendInvocation(port, { ...base, accept: "slow", timeoutMs: 200 });
    expect(slow.failure?.kind).toBe("timeout");
    expect(slow.status).toBeUndefined();
    const closed = await closedPort();
    const refused = await sendInvocation(closed, base);
    expect(refused.failure?.kind).toBe("refused");
  });
});
