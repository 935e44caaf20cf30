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

/**
 * "422 Unprocessable Entity": the reason phrase is the one the model server sent, which the core
 * read with Node's statusMessage (the renderer cannot load node:http, and a table here would say
 * what a standard says rather than what the server said).
 */
export function statusText(status: number, reason?: string): string {
  return `${status} ${reason ?? ""}`.trim();
}
