// A TLS engine (DOCKER_HOST tcp:// + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH) reached through docker-modem's own parsing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { locateEngine } from "./locate-engine";

// The real engine behind a real TLS endpoint that, like `dockerd --tlsverify`, demands a client
// certificate signed by its CA. The certificates are made here with openssl.
const certs = mkdtempSync(join(tmpdir(), "smk-tls-"));
const signal = new AbortController().signal;
let proxy: Server;
let port = 0;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: certs, stdio: "pipe" });
}

beforeAll(async () => {
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca-key.pem",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=stagemaker-test-ca",
  );
  writeFileSync(join(certs, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  writeFileSync(join(certs, "client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [name, ext] of [
    ["server", "server.ext"],
    ["cert", "client.ext"],
  ] as const) {
    const key = name === "cert" ? "key.pem" : "server-key.pem";
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
    openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca-key.pem",
      "-CAcreateserial",
      "-out",
      `${name}.pem`,
      "-days",
      "1",
      "-extfile",
      ext,
    );
  }
  const engine = locateEngine({ env: process.env });
  if (!engine.host.startsWith("unix://")) throw new Error(`this test fronts a unix-socket engine, found ${engine.host}`);
  const socketPath = engine.host.slice("unix://".length);
  const read = (f: string) => readFileSync(join(certs, f));
  proxy = createServer(
    { key: read("server-key.pem"), cert: read("server.pem"), ca: read("ca.pem"), requestCert: true, rejectUnauthorized: true },
    (tls) => {
      const upstream = connect(socketPath);
      tls.pipe(upstream).pipe(tls);
      const close = () => (tls.destroy(), upstream.destroy());
      tls.on("error", close);
      upstream.on("error", close);
    },
  );
  await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
  port = (proxy.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((done) => proxy.close(() => done())));

/** docker-modem reads the docker CLI's variables from process.env, as the composition root hands them over. */
async function statusWith(vars: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    const ws = mkdtempSync(join(tmpdir(), "smk-ws-"));
    const services = createServices(testServicesOptions({ workspaceDir: ws, stateDir: join(ws, ".state") }, process.env));
    return await services["engine.status"]({}, { signal });
  } finally {
    for (const k of Object.keys(vars)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe("TLS engines", () => {
  it("reaches the engine with DOCKER_TLS_VERIFY and the client certificate from DOCKER_CERT_PATH", async () => {
    const status = await statusWith({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs });
    expect(status).toMatchObject({ state: "reachable", source: "DOCKER_HOST", version: expect.stringMatching(/\d+\.\d+/) });
  });

  it("is refused without the client certificate, and says the engine could not be used", async () => {
    const status = await statusWith({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: "1" });
    expect(status).toMatchObject({ state: "unreachable", source: "DOCKER_HOST" });
  });
});
