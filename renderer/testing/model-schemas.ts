import type { ModelSchemas } from "../../app/contract";

/** Schemas as read from a running container: both files editable, no CSV tables; the test gives the schemas themselves. */
export const readSchemas = (schemas: Pick<ModelSchemas, "instance" | "prediction" | "fieldOrder">): ModelSchemas => ({
  ...schemas,
  pydantic: "2",
  sources: { instance: { editable: true, problems: [] }, prediction: { editable: true, problems: [] } },
  tables: { instance: null, prediction: null },
  readFrom: "container",
  image: "i",
  contentHash: "h",
  readAt: "2026-01-01T00:00:00Z",
  readMs: 1,
});
