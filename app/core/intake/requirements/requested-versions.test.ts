import { describe, expect, it } from "vitest";
import type { Pins } from "./framework-pins";
import { honourRequested, parseRequested } from "./requested-versions";

const table: Pins = {
  requirements: ["scikit-learn==1.5.2", "numpy==1.26.4", "scipy==1.13.1", "pandas==2.2.3"],
  systemPackages: [],
  notes: ["The file was written by scikit-learn 1.9.1, outside the tested table: pinned 1.5.2; change requirements.txt if it does not load."],
};

describe("requested versions", () => {
  it("reads exact pins only, by PEP 503 name, past comments, extras and markers", () => {
    const r = parseRequested("# the notebook\nScikit_Learn==1.9.1  # trained with\nnumpy[extra] == 2.4.6 ; python_version >= '3.9'\npandas>=2\n-r other.txt\n");
    expect([...r.entries()]).toEqual([
      ["scikit-learn", { name: "Scikit_Learn", version: "1.9.1" }],
      ["numpy", { name: "numpy", version: "2.4.6" }],
    ]);
  });

  it("puts each requested version in place of the table's, adds the rest, and drops the table's note on the framework it replaced", () => {
    const out = honourRequested(table, parseRequested("scikit-learn==1.9.1\nnumpy==2.4.6\njoblib==1.5.2\n"));
    expect(out.requirements).toEqual(["scikit-learn==1.9.1", "numpy==2.4.6", "scipy==1.13.1", "pandas==2.2.3", "joblib==1.5.2"]);
    expect(out.notes).toEqual(["Versions from requirements.txt honoured: scikit-learn==1.9.1 (the table's: 1.5.2), numpy==2.4.6 (the table's: 1.26.4), joblib==1.5.2."]);
  });

  it("keeps the table's notes when the framework's version stands", () => {
    const out = honourRequested(table, parseRequested("scipy==1.17.1\n"));
    expect(out.notes[0]).toBe(table.notes[0]);
    expect(out.requirements).toContain("scipy==1.17.1");
  });

  it("treats xgboost and xgboost-cpu as one line of releases (xgboost-cpu only from 2.1)", () => {
    const xgb: Pins = { requirements: ["xgboost-cpu==2.1.4", "numpy==2.2.6"], systemPackages: ["libgomp1"], notes: [] };
    expect(honourRequested(xgb, parseRequested("xgboost==3.2.0")).requirements).toEqual(["xgboost-cpu==3.2.0", "numpy==2.2.6"]);
    expect(honourRequested(xgb, parseRequested("xgboost==1.7.6")).requirements).toEqual(["xgboost==1.7.6", "numpy==2.2.6"]);
  });

  it("changes nothing without a request", () => {
    expect(honourRequested(table, new Map())).toBe(table);
  });
});
