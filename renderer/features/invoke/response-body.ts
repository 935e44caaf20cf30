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
