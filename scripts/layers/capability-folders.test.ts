/**
 * The rule between app/core's capability folders (.dependency-cruiser-capabilities.cjs) on a tree with one folder
 * cycle that no single module closes (build/ → run/ → build/), cruised as `npm run layers` does: it is reported,
 * while a one-way use and a cycle that only tests and test helpers make are not.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruise, fixtureTree, timeLimit } from "./fixture-tree";

const tree = {
  // Allowed: run/ uses build/ and the container kit; build/ uses the kit.
  "app/core/containers/start-container.ts": "export const start = 1;\n",
  "app/core/build/build-image.ts": 'import { start } from "../containers/start-container";\nexport const build = start;\n',
  "app/core/run/run-container.ts": 'import { build } from "../build/build-image";\nexport const runIt = build;\n',
  "app/core/run/status.ts": "export const status = 1;\n",
  // Allowed: a cycle made only by tests and test helpers (containers' test → testing/ → containers/).
  "app/core/testing/projects.ts": 'import { start } from "../containers/start-container";\nexport const projects = start;\n',
  "app/core/containers/start.test.ts": 'import { projects } from "../testing/projects";\nexport const t = projects;\n',
  "app/core/model/testing/models.ts": 'import { runIt } from "../../run/run-container";\nexport const models = runIt;\n',
  "app/core/run/run.test.ts": 'import { models } from "../model/testing/models";\nexport const t = models;\n',
  // Forbidden: build/ reaches back into run/, a circle between two folders though no module imports itself.
  "app/core/build/reaches-run.ts": 'import { status } from "../run/status";\nexport const r = status;\n',
};

const expected = [
  "no-cycles-between-capabilities: app/core/build → app/core/run",
  "no-cycles-between-capabilities: app/core/run → app/core/build",
];

let root: string;
let found: string[];
let exitCode: number;

beforeAll(async () => {
  root = fixtureTree(tree);
  ({ found, exitCode } = await cruise(root, ["app/core"], ".dependency-cruiser-capabilities.cjs"));
}, timeLimit(120_000));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("no cycles between capability folders (dependency-cruiser, folder scope)", () => {
  it("reports the circle between build/ and run/, from both ends, and nothing else", () => {
    expect([...found].sort()).toEqual(expected);
  });

  it("fails the command, so a circle fails npm run lint", () => {
    expect(exitCode).not.toBe(0);
  });
});
