import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { lookup } from "mrmime";
import sirv from "sirv";
import { rendererSecurityHeaders } from "../faces-common/content-security-policy";
import type { Binding } from "../faces-common/binding";
import { handleApi } from "./api-routes";
import { checkHostAndOrigin, checkToken, type Refusal } from "./request-guard";
import { sendError } from "./wire";

export interface HostOptions {
  binding: Binding;
  /** The built renderer (dist-renderer/). */
  rendererDir: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** PNG answered for /favicon.ico when the renderer has none. */
  iconPath?: string;
  /** Fixed only by tests; a fresh random token otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** The browser face: 127.0.0.1 only, a token per start, Host/Origin checked, renderer served with a strict CSP. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("browser host: request failed", err);
      if (!res.headersSent) sendError(res, "internal", "The host failed to answer this request.");
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = checkHostAndOrigin(req.headers, port);
    if (refusal) return refuse(req, res, refusal);
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith("/api/")) {
      const tokenRefusal = checkToken(req.headers, token);
      if (tokenRefusal) return refuse(req, res, tokenRefusal);
      return handleApi(req, res, url, options.binding);
    }
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, "invalid-input", "Only GET for pages.", 405);
    return serveRendererFile(req, res, url.pathname);
  }

  // sirv serves dist-renderer/: media types, ETag/304, ranges, and no path outside the folder. `dev`
  // looks each file up per request, because dist-renderer/ may be rebuilt while the host runs.
  const rendererFiles = sirv(options.rendererDir, {
    dev: true,
    etag: true,
    single: true, // paths without an extension are the renderer's own routes: index.html
    setHeaders: (res, pathname) => {
      for (const [name, value] of Object.entries(rendererSecurityHeaders)) res.setHeader(name, value);
      // Vite's hashed assets never change under the same name.
      res.setHeader("Cache-Control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });

  function serveRendererFile(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    rendererFiles(req, res, () => {
      if (pathname === "/favicon.ico" && options.iconPath && existsSync(options.iconPath)) return sendIcon(res, options.iconPath);
      if (pathname === "/" || pathname === "/index.html") return sendNotBuilt(res);
      res.writeHead(404, { ...rendererSecurityHeaders, "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
    });
  }

  // Node cuts a request that takes longer than 5 minutes to arrive; a multi-GB artifact upload may.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => done());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  sendError(res, "invalid-input", refusal.message, refusal.status, { refused: refusal.reason });
}

/** The app icon for /favicon.ico when the renderer has none. */
function sendIcon(res: ServerResponse, iconPath: string): void {
  res.writeHead(200, {
    ...rendererSecurityHeaders,
    "Content-Type": lookup(iconPath) ?? "application/octet-stream",
    "Cache-Control": "no-cache",
  });
  createReadStream(iconPath)
    .on("error", () => res.destroy())
    .pipe(res);
}

function sendNotBuilt(res: ServerResponse): void {
  const body = `<!doctype html><meta charset="utf-8"><title>Stagemaker</title>
<p>The renderer is not built yet. Run <code>npm run build:renderer</code> (or <code>npm start</code>, which builds it) and reload.</p>`;
  res.writeHead(503, { ...rendererSecurityHeaders, "Content-Type": "text/html; charset=utf-8" });
  res.end(body);
}
