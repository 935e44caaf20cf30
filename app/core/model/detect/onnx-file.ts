// ONNX models, decoded with onnx-proto (the ONNX protobuf schema compiled for protobufjs).
import onnxProto from "onnx-proto";
import type { Detection } from "../../../contract";

// onnx-proto is CommonJS: its namespace hangs off the default export.
const { onnx } = onnxProto;
type IValueInfoProto = import("onnx-proto").onnx.IValueInfoProto;
type ModelProto = import("onnx-proto").onnx.ModelProto;

const ELEM = Object.fromEntries(Object.entries(onnx.TensorProto.DataType).map(([k, v]) => [v, k.toLowerCase()]));

function describe(value: IValueInfoProto) {
  const t = value.type;
  if (t?.tensorType) {
    const dims = (t.tensorType.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? Number(d.dimValue) : "?"));
    return { name: value.name ?? "", type: `tensor(${ELEM[t.tensorType.elemType ?? 0] ?? "undefined"})`, shape: dims };
  }
  if (t?.sequenceType) return { name: value.name ?? "", type: "sequence", shape: [] };
  if (t?.mapType) return { name: value.name ?? "", type: "map", shape: [] };
  return { name: value.name ?? "", type: "unknown", shape: [] };
}

export function detectOnnx(
  buf: Uint8Array,
): Pick<Detection, "kind" | "format" | "frameworkVersion" | "summary" | "inputs" | "outputs" | "onnx" | "notes"> | undefined {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(buf);
  } catch {
    return undefined;
  }
  const graph = model.graph;
  if (!graph || !model.irVersion || (graph.node ?? []).length === 0) return undefined;
  const initializers = new Set((graph.initializer ?? []).map((i) => i.name));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? "")).map(describe);
  const outputs = (graph.output ?? []).map(describe);
  const opsets = (model.opsetImport ?? []).map((o) => `${o.domain || "ai.onnx"} ${o.version}`).join(", ");
  // The opset of each domain and the IR version choose the runtime (server/frameworks/onnx.py).
  const byDomain: Record<string, number> = {};
  for (const o of model.opsetImport ?? []) byDomain[o.domain ?? ""] = Math.max(byDomain[o.domain ?? ""] ?? 0, Number(o.version ?? 0));
  return {
    kind: "onnx",
    format: "onnx",
    frameworkVersion: `ir ${model.irVersion}`,
    summary: `${model.producerName || "unknown producer"} ${model.producerVersion ?? ""}`.trim() + ` (opsets ${opsets})`,
    inputs,
    outputs,
    onnx: { irVersion: Number(model.irVersion), opsets: byDomain },
    notes: [],
  };
}
