// How an answer's body is shown: pretty JSON that keeps every number as the server wrote it (1.0 stays 1.0).
import { parse, stringify } from "lossless-json";

/** Pretty-printed JSON when the body is JSON, else the text as it came. */
export function prettyBody(body: string, contentType: string | undefined): { text: string; json: boolean } {
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{]/.test(body);
  if (!looksJson || /jsonlines|jsonl|ndjson/i.test(contentType ?? "")) return { text: body, json: false };
  try {
    // lossless-json keeps each number's text; JSON.parse would turn 1.0 into 1.
    return { text: stringify(parse(body), undefined, 2) ?? body, json: true };
  } catch {
    return { text: body, json: false };
  }
}

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  424: "Failed Dependency",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusText(status: number): string {
  return `${status} ${REASONS[status] ?? ""}`.trim();
}
