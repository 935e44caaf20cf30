import { protocol } from "electron";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { rendererSecurityHeaders } from "../faces-common/content-security-policy";
import { resolveRendererFile } from "../faces-common/renderer-files";

/** The renderer's own origin: a standard, secure scheme so module workers and fetch behave as on https. */
export const appScheme = "app";
export const appOrigin = "app://stagemaker";

/** Must run before app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves dist-renderer/ under app://stagemaker with the same CSP as the browser host; nothing else. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== "stagemaker" || request.method !== "GET") return new Response("Not found", { status: 404 });
    const file = await resolveRendererFile(rendererDir, url.pathname);
    if (!file) return new Response("Not found", { status: 404, headers: rendererSecurityHeaders });
    const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { ...rendererSecurityHeaders, "Content-Type": file.mediaType, "Content-Length": String(file.size) },
    });
  });
}
