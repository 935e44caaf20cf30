import { describe, expect, it } from "vitest";
import { buildTree } from "./file-tree-model";

describe("buildTree", () => {
  it("nests paths, lists folders first and hides app state and caches", () => {
    const tree = buildTree([
      { path: "README.md", kind: "file", size: 10 },
      { path: "model/predictor.py", kind: "file", size: 300 },
      { path: "model", kind: "dir", size: 0 },
      { path: "model/__pycache__/x.pyc", kind: "file", size: 1 },
      { path: ".stagemaker/drafts.json", kind: "file", size: 2 },
      { path: "server/app/main.py", kind: "file", size: 5 },
    ]);
    expect(tree.map((n) => n.path)).toEqual(["model", "server", "README.md"]);
    expect(tree[0]!.children.map((n) => n.path)).toEqual(["model/predictor.py"]);
    expect(tree[1]!.children[0]!.children[0]).toMatchObject({ path: "server/app/main.py", kind: "file", size: 5 });
  });
});
