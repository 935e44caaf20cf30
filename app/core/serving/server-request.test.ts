import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, listenOnLoopback } from "../testing/local-http";
import { scaled } from "../../../scripts/test-env/time-factor";
import { NoAnswer, requestServer, type ServerRequest } from "./server-request";

// A real HTTP server on loopback whose paths behave like a model server's good and bad days.
let server: Server;
let port: number;
/** The client port of each request's socket: equal ports mean a reused (keep-alive) connection. */
const sockets: number[] = [];
/** Requests that reached the server, by path. */
const arrived: string[] = [];
let onArrive: ((path: string) => void) | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.push((req.socket as Socket).remotePort ?? 0);
    arrived.push(req.url ?? "");
    onArrive?.(req.url ?? "");
    switch (req.url) {
      case "/echo":
        return req.pipe(res.writeHead(201, "Made", { "content-type": "application/json", "x-echo": "yes" }));
      case "/big":
        return res.writeHead(200).end("x".repeat(300_000));
      case "/silent":
        return; // never answers
      case "/hang-up":
        return req.socket.destroy(); // the connection drops before a status line
      case "/break-off":
        res.writeHead(200, { "content-length": "1000" });
        return res.write("partial", () => req.socket.destroy()); // the body stops half-way
      default:
        res.writeHead(404).end("no such path");
    }
  });
  server.keepAliveTimeout = scaled(30_000);
  port = await listenOnLoopback(server);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ask = (path: string, extra: Partial<ServerRequest> = {}) => requestServer({ port, path, timeoutMs: scaled(5000), ...extra });
/** The NoAnswer a request rejects with (fails the test when it resolves). */
async function noAnswer(p: Promise<unknown>): Promise<NoAnswer> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NoAnswer);
  return e as NoAnswer;
}

describe("requestServer", () => {
  it("sends method, headers and body; answers status, headers, body and timings", async () => {
    const a = await ask("/echo", { method: "POST", headers: { "Content-Type": "application/json" }, body: Buffer.from('{"a":1}') });
    expect(a).toMatchObject({ status: 201, statusText: "Made", bodyBytes: 7, truncated: false });
    expect(a.body.toString()).toBe('{"a":1}');
    expect(a.headers["x-echo"]).toBe("yes");
    expect(a.ttfbMs).toBeGreaterThan(0);
    expect(a.totalMs).toBeGreaterThanOrEqual(a.ttfbMs);
  });

  it("answers non-2xx statuses instead of rejecting", async () => {
    const a = await ask("/nothing-here");
    expect(a).toMatchObject({ status: 404 });
    expect(a.body.toString()).toBe("no such path");
  });

  it("keeps at most capBytes of the body and counts the true size", async () => {
    const a = await ask("/big", { capBytes: 1000 });
    expect(a).toMatchObject({ bodyBytes: 300_000, truncated: true });
    expect(a.body).toHaveLength(1000);
    const whole = await ask("/big");
    expect(whole).toMatchObject({ bodyBytes: 300_000, truncated: false });
    expect(whole.body).toHaveLength(300_000);
  });

  it("tells refused, reset before the answer, broken-off answer and timeout apart", async () => {
    const closed = await closedPort();
    const refused = await noAnswer(requestServer({ port: closed, path: "/ping", timeoutMs: scaled(5000) }));
    expect(refused.kind).toBe("refused");
    expect(refused.message).toContain(`127.0.0.1:${closed}`);

    const reset = await noAnswer(ask("/hang-up"));
    expect(reset).toMatchObject({ kind: "reset", answerStarted: false });

    const broken = await noAnswer(ask("/break-off"));
    expect(broken).toMatchObject({ kind: "reset", answerStarted: true });
    expect(broken.message).toMatch(/broke off/);

    // The server never answers: only the limit ends the wait.
    const slow = await noAnswer(ask("/silent", { timeoutMs: 200 }));
    expect(slow).toMatchObject({ kind: "timeout", message: "no complete answer within 200 ms" });
  });

  it("stops when the signal aborts, and does not start when it already has", async () => {
    const controller = new AbortController();
    onArrive = (path) => path === "/silent" && controller.abort();
    const cancelled = await noAnswer(ask("/silent", { signal: controller.signal, timeoutMs: scaled(30_000) }));
    onArrive = undefined;
    expect(cancelled.kind).toBe("cancelled");

    const before = arrived.length;
    const early = await noAnswer(ask("/echo", { signal: AbortSignal.abort() }));
    expect(early.kind).toBe("cancelled");
    expect(arrived.length).toBe(before);
  });

  it("reuses one connection with keepAlive, and opens a fresh one per request without", async () => {
    sockets.length = 0;
    for (let i = 0; i < 3; i++) await ask("/echo", { method: "POST", body: Buffer.from("k"), keepAlive: true });
    expect(new Set(sockets).size).toBe(1);
    sockets.length = 0;
    for (let i = 0; i < 3; i++) await ask("/echo", { method: "POST", body: Buffer.from("f") });
    expect(new Set(sockets).size).toBe(3);
  });
});
