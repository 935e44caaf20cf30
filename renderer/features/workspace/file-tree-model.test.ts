import { describe, expect, it } from "vitest";
import { buildTree, MANAGED_GROUP, modelFirst } from "./file-tree-model";

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

describe("modelFirst", () => {
  it("leads with what a person edits and folds the template's machinery into one group", () => {
    const tree = modelFirst(
      buildTree(
        [
          "Dockerfile",
          "README.md",
          "artifacts/m.pkl",
          "examples/a.json",
          "model/predictor.py",
          "notes.md",
          "pyproject.toml",
          "requirements.txt",
          "server/app.py",
          "system-packages.txt",
          "tests/t.py",
          "tools/schema.py",
        ].map((path) => ({ path, kind: "file" as const, size: 1 })),
      ),
    );
    expect(tree.map((n) => n.name)).toEqual([
      "model",
      "requirements.txt",
      "system-packages.txt",
      "examples",
      "artifacts",
      "notes.md",
      "Server (managed by Stagemaker)",
    ]);
    expect(tree.at(-1)).toMatchObject({ path: MANAGED_GROUP, kind: "dir" });
    expect(tree.at(-1)!.children.map((n) => n.path)).toEqual(["server", "tests", "tools", "Dockerfile", "pyproject.toml", "README.md"]);
  });
});
