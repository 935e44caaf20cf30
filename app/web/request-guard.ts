import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { tokenHeader } from "../contract";

export interface Refusal {
  status: 401 | 403;
  reason: "host" | "origin" | "token";
  message: string;
}

/** The only names this host answers to; anything else is a rebinding attempt or a proxy mistake. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * A page on another site can make the browser send requests here, and a DNS-rebinding name can
 * make them look same-origin; both are stopped by checking Host (every request) and Origin (when
 * the browser sends one).
 */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, port: number): Refusal | undefined {
  const origins = allowedOrigins(port);
  const host = headers.host?.toLowerCase();
  if (!host || !origins.includes(`http://${host}`)) {
    return {
      status: 403,
      reason: "host",
      message: `Refused: this host only answers to 127.0.0.1:${port} (got Host "${headers.host ?? ""}").`,
    };
  }
  const origin = headers.origin;
  if (origin !== undefined && !origins.includes(origin.toLowerCase())) {
    return {
      status: 403,
      reason: "origin",
      message: `Refused: requests from ${origin} are not allowed; open Stagemaker from the URL it printed.`,
    };
  }
  if (headers["sec-fetch-site"] === "cross-site") {
    return { status: 403, reason: "origin", message: "Refused: cross-site request." };
  }
  return undefined;
}

/** The token printed at start-up; a constant-time comparison so its bytes cannot be guessed one by one. */
export function checkToken(headers: IncomingHttpHeaders, token: string): Refusal | undefined {
  const given = headers[tokenHeader];
  const expected = Buffer.from(token);
  const actual = Buffer.from(typeof given === "string" ? given : "");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return {
      status: 401,
      reason: "token",
      message: "Refused: missing or wrong access token. Open the URL with ?token=… that `npm start` printed.",
    };
  }
  return undefined;
}
