// One answer to a MultiRecord request, cut back into one output per record (needed to join or filter).

/**
 * Line-based answers (CSV, JSON Lines) give one line per record. A JSON answer gives an array, or an
 * object whose only array member (e.g. the template's {"predictions": [...]}) has one item per record.
 * Returns null when the answer cannot be matched to the records, so the caller can report it.
 */
export function splitAnswer(body: string, records: number, contentType: string): string[] | null {
  const text = body.replace(/\r?\n$/, "");
  if (records === 1) return [unwrapSingle(text, contentType)];
  const essence = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (essence === "application/json") {
    const items = jsonItems(text);
    if (items && items.length === records) return items.map((i) => JSON.stringify(i));
    return null;
  }
  const lines = text.split(/\r?\n/);
  return lines.length === records ? lines : null;
}

/** A one-record JSON answer in the template's envelope joins as the prediction itself. */
function unwrapSingle(text: string, contentType: string): string {
  if (!contentType.toLowerCase().startsWith("application/json")) return text;
  const items = jsonItems(text);
  return items && items.length === 1 ? JSON.stringify(items[0]) : text;
}

function jsonItems(text: string): unknown[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1 && Object.keys(value).length === 1) return arrays[0] ?? null;
  }
  return null;
}
