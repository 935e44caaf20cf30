/**
 * The repo's ESLint config (eslint.config.js) on a throwaway tree laid out like the repo: the core may not read
 * the environment (its tests may), and the bug rules that matter fire with type information.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTree, repoRoot, timeLimit } from "./fixture-tree";

const tree = {
  "app/core/engine/reads-env.ts": "export const host = process.env.DOCKER_HOST;\n",
  "app/core/engine/reads-env-computed.ts": 'export const host = process["env"].DOCKER_HOST;\n',
  "app/core/engine/reads-env-destructured.ts": "const { env } = process;\nexport const host = env.DOCKER_HOST;\n",
  "app/core/engine/reads-env-imported.ts": 'import { env } from "node:process";\nexport const host = env.DOCKER_HOST;\n',
  "app/core/engine/takes-argument.ts": "export const hostOf = (env: Record<string, string | undefined>) => env.DOCKER_HOST;\n",
  "app/core/engine/reads-env.test.ts": "export const host = process.env.DOCKER_HOST;\n",
  "app/faces-common/services-options.ts": "export const host = process.env.DOCKER_HOST;\n",
  "app/core/build/floating.ts":
    "async function build(): Promise<number> {\n  return 1;\n}\nexport function start(): void {\n  build();\n}\n",
  "app/core/build/misused.ts":
    'import { EventEmitter } from "node:events";\nexport function listen(e: EventEmitter): void {\n  e.on("x", async () => undefined);\n  [1].forEach(async () => undefined);\n}\n',
  "app/core/build/unused.ts": 'import { join } from "node:path";\nexport const x = 1;\n',
  "renderer/features/run/conditional-hook.tsx":
    'import { useState } from "react";\nexport function Panel({ open }: { open: boolean }) {\n  if (open) useState(1);\n  return null;\n}\n',
  "renderer/features/run/missing-dep.tsx":
    'import { useEffect } from "react";\nexport function Panel({ id }: { id: string }) {\n  useEffect(() => console.log(id), []);\n  return null;\n}\n',
};

let root: string;
const rulesOf = new Map<string, string[]>();

beforeAll(async () => {
  root = fixtureTree(tree);
  const eslint = new ESLint({ cwd: root, overrideConfigFile: join(repoRoot, "eslint.config.js") });
  for (const r of await eslint.lintFiles(["app", "renderer"])) {
    rulesOf.set(
      r.filePath.slice(root.length + 1),
      r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`),
    );
  }
}, timeLimit(180_000));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("ESLint: the core reads no environment variables", () => {
  it.each(["reads-env", "reads-env-computed", "reads-env-destructured", "reads-env-imported"])("flags app/core/engine/%s.ts", (name) => {
    expect(rulesOf.get(`app/core/engine/${name}.ts`)).toEqual(["no-restricted-syntax"]);
  });

  it("lets the core take the value as an argument, its tests read it, and the composition root read it", () => {
    expect(rulesOf.get("app/core/engine/takes-argument.ts")).toEqual([]);
    expect(rulesOf.get("app/core/engine/reads-env.test.ts")).toEqual([]);
    expect(rulesOf.get("app/faces-common/services-options.ts")).toEqual([]);
  });
});

describe("ESLint: bug rules with type information", () => {
  it("flags an unawaited promise", () => {
    expect(rulesOf.get("app/core/build/floating.ts")).toEqual(["@typescript-eslint/no-floating-promises"]);
  });

  it("flags an async callback where a void one is expected", () => {
    expect(rulesOf.get("app/core/build/misused.ts")).toEqual([
      "@typescript-eslint/no-misused-promises",
      "@typescript-eslint/no-misused-promises",
    ]);
  });

  it("flags an unused import", () => {
    expect(rulesOf.get("app/core/build/unused.ts")).toEqual(["@typescript-eslint/no-unused-vars"]);
  });

  it("flags a conditional hook and a missing effect dependency in the renderer", () => {
    expect(rulesOf.get("renderer/features/run/conditional-hook.tsx")).toEqual(["react-hooks/rules-of-hooks"]);
    expect(rulesOf.get("renderer/features/run/missing-dep.tsx")).toEqual(["react-hooks/exhaustive-deps"]);
  });
});
