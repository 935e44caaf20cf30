// The raw body when it is one .npy array: what it holds (dtype, shape, size, first values), loaded from
// a file or made from a pasted JSON nested list. Bytes have no place in a text editor.
import { useState } from "react";
import { base64ToBytes, bytesToBase64, npySummary, readNpy } from "../../../app/contract";
import { jsonArrayToNpy } from "./npy-body";

const PREVIEW_CHARS = 4000;

function describe(base64: string): { summary: string; preview: string } | { problem: string } {
  if (!base64) return { problem: "No array yet: load a .npy file or paste a JSON nested list." };
  try {
    const a = readNpy(base64ToBytes(base64));
    const json = JSON.stringify(a.values);
    return { summary: npySummary(a), preview: json.length > PREVIEW_CHARS ? `${json.slice(0, PREVIEW_CHARS)}…` : json };
  } catch (e) {
    return { problem: `Not a .npy array: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function NpyBodyView({ body, onChange }: { body: string; onChange(base64: string): void }) {
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState<string>();
  const shown = describe(body);
  return (
    <div className="npy-body stack" data-testid="request-body-npy">
      {"summary" in shown ? (
        <>
          <p data-testid="npy-summary">
            <strong>NPY</strong> {shown.summary}
          </p>
          <pre className="response-body mono" tabIndex={0} aria-label="The array's values">
            {shown.preview}
          </pre>
        </>
      ) : (
        <p className="muted">{shown.problem}</p>
      )}
      <label className="row">
        <span>Load a .npy file</span>
        <input
          type="file"
          accept=".npy,application/x-npy"
          aria-label="Load the body from a .npy file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            void file.arrayBuffer().then((buf) => {
              const bytes = new Uint8Array(buf);
              try {
                readNpy(bytes);
                setProblem(undefined);
                onChange(bytesToBase64(bytes));
              } catch (err) {
                setProblem(`${file.name} is not a .npy array: ${err instanceof Error ? err.message : String(err)}`);
              }
            });
          }}
        />
      </label>
      <details>
        <summary>Make it from a JSON nested list</summary>
        <textarea
          className="mono"
          rows={3}
          aria-label="A JSON nested list to send as NPY"
          spellCheck={false}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          placeholder="[[0.1, 0.2], [0.3, 0.4]]"
        />
        <button
          type="button"
          onClick={() => {
            const made = jsonArrayToNpy(pasted);
            if ("problem" in made) setProblem(made.problem);
            else {
              setProblem(undefined);
              onChange(made.base64);
            }
          }}
        >
          Use as the body
        </button>
      </details>
      {problem && <p className="field-warning">{problem}</p>}
    </div>
  );
}
