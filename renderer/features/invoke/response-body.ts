/** Pretty-printed JSON when the body is JSON, else the text as it came. */
export function prettyBody(body: string, contentType: string | undefined): { text: string; json: boolean } {
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{]/.test(body);
  if (!looksJson) return { text: body, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
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
