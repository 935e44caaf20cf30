/**
 * The layering rules (.dependency-cruiser.cjs) on a tree that breaks each one once, cruised by the same command
 * `npm run layers` runs: every forbidden import is reported under its rule, and no allowed one is.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruise, fixtureTree, timeLimit } from "./fixture-tree";

const tree = {
  // Allowed: the contract uses zod and itself; the core the contract; roots the services table; tests core/testing.
  "app/contract/result.ts": 'import { z } from "zod";\nexport const Result = z.object({ ok: z.boolean() });\n',
  "app/contract/index.ts": 'export * from "./result";\n',
  "app/core/services.ts":
    'import { Result } from "../contract";\nimport { deep } from "./engine/deep";\nexport const createServices = () => ({ Result, deep });\n',
  "app/core/engine/deep.ts": 'import { readFileSync } from "node:fs";\nexport const deep = readFileSync;\n',
  "app/core/testing/throwaway.ts": "export const throwaway = 1;\n",
  "app/faces-common/binding.ts": 'import type { Result } from "../contract";\nexport type Bound = typeof Result;\n',
  "app/faces-common/services-options.ts": 'import { createServices } from "../core/services";\nexport const options = createServices;\n',
  "app/cli/cli-context.ts": 'import { createServices } from "../core/services";\nexport const open = createServices;\n',
  "app/web/main.ts": 'import { createServices } from "../core/services";\nexport const start = createServices;\n',
  "app/electron/main.ts":
    'import { app } from "electron";\nimport { createServices } from "../core/services";\nexport const start = [app, createServices];\n',
  "app/cli/cli.test.ts":
    'import { throwaway } from "../core/testing/throwaway";\nimport { createServices } from "../core/services";\nexport const t = [throwaway, createServices];\n',
  "renderer/api/client.ts": 'import { Result } from "../../app/contract";\nexport const client = Result;\n',
  "renderer/api/http-transport.test.ts": 'import { start } from "../../app/web/main";\nexport const t = start;\n',
  "e2e/fixtures.ts": 'import { createServices } from "../app/core/services";\nexport const f = createServices;\n',
  // Allowed: a feature uses its own folder, shared/, api/; the workspace screen composes features; a test the fake API.
  "renderer/shared/queries/use-build.ts": 'import { client } from "../../api/client";\nexport const useBuild = client;\n',
  "renderer/testing/fake-api.ts": "export const fake = 1;\n",
  "renderer/features/build/build-panel.ts":
    'import { useBuild } from "../../shared/queries/use-build";\nimport { client } from "../../api/client";\nimport { own } from "./own";\nexport const panel = [useBuild, client, own];\n',
  "renderer/features/build/own.ts": "export const own = 1;\n",
  "renderer/features/build/build-panel.test.ts": 'import { fake } from "../../testing/fake-api";\nexport const t = fake;\n',
  "renderer/features/workspace/workspace-screen.ts": 'import { panel } from "../build/build-panel";\nexport const screen = panel;\n',

  // Forbidden, one file per rule (file name = what it does wrong).
  "app/contract/imports-core.ts": 'import { createServices } from "../core/services";\nexport const c = createServices;\n',
  "app/contract/imports-node.ts": 'import { join } from "node:path";\nexport const c = join;\n',
  "app/core/build/imports-face.ts": 'import type { Bound } from "../../faces-common/binding";\nexport type C = Bound;\n',
  "app/core/build/imports-electron.ts": 'import { app } from "electron";\nexport const c = app;\n',
  "app/cli/main.ts": 'import { deep } from "../core/engine/deep";\nexport const m = deep;\n',
  "app/web/api-routes.ts": 'import { createServices } from "../core/services";\nexport const r = createServices;\n',
  "app/electron/window.ts": 'export async function w() { return import("../core/services"); }\n',
  "app/faces-common/reaches-deep.ts": 'import { deep } from "../core/engine/deep";\nexport const r = deep;\n',
  "app/web/main-deep.test.ts": 'import { deep } from "../core/engine/deep";\nexport const t = deep;\n',
  "renderer/features/run/imports-core.ts":
    'import type { createServices } from "../../../app/core/services";\nexport type R = typeof createServices;\n',
  "renderer/features/run/imports-face.ts": 'import { start } from "../../../app/web/main";\nexport const r = start;\n',
  "renderer/features/run/imports-node.ts": 'import { readFile } from "node:fs/promises";\nexport const r = readFile;\n',
  "renderer/features/run/imports-fs.ts": 'import { readFile } from "fs";\nexport const r = readFile;\n',
  "renderer/features/run/imports-electron.ts": 'import { ipcRenderer } from "electron";\nexport const r = ipcRenderer;\n',
  "renderer/features/run/imports-core-lazily.ts": 'export const r = () => import("../../../app/core/engine/deep");\n',
  "renderer/features/run/core.test.ts": 'import { createServices } from "../../../app/core/services";\nexport const t = createServices;\n',
  "app/core/code/cycle-a.ts": 'import { b } from "./cycle-b";\nexport const a = () => b;\n',
  "app/core/code/cycle-b.ts": 'import { a } from "./cycle-a";\nexport const b = () => a;\n',
  "app/core/code/options.test.ts":
    'import { throwaway } from "../testing/throwaway";\nimport { factor } from "../../../scripts/test-env/time-factor";\nexport const t = [throwaway, factor];\n',
  "app/core/code/faces-options.test.ts": 'import { options } from "../../faces-common/services-options";\nexport const t = options;\n',
  "scripts/test-env/time-factor.ts": "export const factor = 1;\n",
  "app/core/code/reaches-scripts.ts": 'import { factor } from "../../../scripts/test-env/time-factor";\nexport const r = factor;\n',
  "app/core/code/face.test.ts": 'import { open } from "../../cli/cli-context";\nexport const t = open;\n',
  "app/core/testing/builds-options.ts":
    'import { options } from "../../faces-common/services-options";\nimport { factor } from "../../../scripts/test-env/time-factor";\nexport const b = [options, factor];\n',
  "renderer/features/run/imports-feature.ts": 'import { own } from "../build/own";\nexport const r = own;\n',
  "renderer/features/run/imports-feature-lazily.ts": 'export const r = () => import("../build/build-panel");\n',
  "app/core/code/imports-missing.ts": 'import { nothing } from "./not-there";\nexport const m = nothing;\n',
};

const expected = [
  "contract-imports-nothing-of-ours: app/contract/imports-core.ts → app/core/services.ts",
  "contract-runs-in-the-browser: app/contract/imports-node.ts → path",
  "core-imports-only-the-contract: app/core/build/imports-face.ts → app/faces-common/binding.ts",
  "core-without-electron: app/core/build/imports-electron.ts → node_modules/electron/index.js",
  "faces-reach-core-through-composition-root: app/cli/main.ts → app/core/engine/deep.ts",
  "faces-reach-core-through-composition-root: app/web/api-routes.ts → app/core/services.ts",
  "faces-reach-core-through-composition-root: app/electron/window.ts → app/core/services.ts",
  "composition-roots-use-the-services-table: app/faces-common/reaches-deep.ts → app/core/engine/deep.ts",
  "face-tests-use-core-testing-only: app/web/main-deep.test.ts → app/core/engine/deep.ts",
  "renderer-imports-only-the-contract: renderer/features/run/imports-core.ts → app/core/services.ts",
  "renderer-imports-only-the-contract: renderer/features/run/imports-face.ts → app/web/main.ts",
  "renderer-imports-only-the-contract: renderer/features/run/imports-core-lazily.ts → app/core/engine/deep.ts",
  "renderer-without-node: renderer/features/run/imports-node.ts → fs/promises",
  "renderer-without-node: renderer/features/run/imports-fs.ts → fs",
  "renderer-without-electron: renderer/features/run/imports-electron.ts → node_modules/electron/index.js",
  "renderer-tests-without-core: renderer/features/run/core.test.ts → app/core/services.ts",
  "core-tests-know-no-face: app/core/code/face.test.ts → app/cli/cli-context.ts",
  "core-tests-know-no-face: app/core/code/faces-options.test.ts → app/faces-common/services-options.ts",
  "core-imports-only-the-contract: app/core/code/reaches-scripts.ts → scripts/test-env/time-factor.ts",
  "core-testing-knows-no-face: app/core/testing/builds-options.ts → app/faces-common/services-options.ts",
  "no-import-cycles: app/core/code/cycle-a.ts → app/core/code/cycle-b.ts",
  "imports-resolve: app/core/code/imports-missing.ts → ./not-there",
  "renderer-features-import-no-other-feature: renderer/features/run/imports-feature.ts → renderer/features/build/own.ts",
  "renderer-features-import-no-other-feature: renderer/features/run/imports-feature-lazily.ts → renderer/features/build/build-panel.ts",
];

let root: string;
let found: string[];
let exitCode: number;

beforeAll(async () => {
  root = fixtureTree(tree);
  ({ found, exitCode } = await cruise(root, ["app", "renderer", "e2e"], ".dependency-cruiser.cjs"));
}, timeLimit(120_000));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("layering rules (dependency-cruiser)", () => {
  it.each(expected)("reports %s", (violation) => {
    expect(found).toContain(violation);
  });

  it("reports nothing else: the allowed imports (contract, services table, core/testing, tooling) pass", () => {
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it("fails the command, so a violation fails npm test", () => {
    expect(exitCode).not.toBe(0);
  });
});
