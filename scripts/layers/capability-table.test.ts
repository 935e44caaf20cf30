/**
 * The README's capability table against the tree: each capability's tab, renderer feature folder, core folder,
 * contract file and CLI command exist under its one name, every tab and every feature or core folder is in the
 * README, every channel of the contract is named by a capability of the table and listed in its row, and every
 * command the table names is one the CLI offers (read from `stagemaker --help`). capability-channels.test.ts shows
 * the channel check failing on a drifted contract and table.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../app/contract/channels";
import { capabilityRows, channelDrift, sharedFolders } from "./capability-table";
import { repoRoot, timeLimit } from "./fixture-tree";

const run = promisify(execFile);
const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

/** Folders that hold at least one file, under `dir`. */
const foldersIn = (dir: string) =>
  readdirSync(join(repoRoot, dir)).filter((d) => {
    const full = join(repoRoot, dir, d);
    return statSync(full).isDirectory() && readdirSync(full, { recursive: true }).length > 0;
  });

const readme = read("README.md");
const rows = capabilityRows(readme);
const shared = sharedFolders(readme);
/** The workspace's tab labels, as its source lists them. */
const tabs = [
  .../const TABS = \[([^\]]*)\]/.exec(read("renderer/features/workspace/workspace-screen.tsx"))![1]!.matchAll(/"([^"]+)"/g),
].map((m) => m[1]!);

let commands: Set<string>;
beforeAll(async () => {
  const help = await run(join(repoRoot, "node_modules", ".bin", "tsx"), [join(repoRoot, "app/cli/main.ts"), "--help"], { cwd: repoRoot });
  const list = help.stdout.slice(help.stdout.indexOf("Commands:"));
  commands = new Set([...list.matchAll(/^ {2}([a-z|-]+)/gm)].flatMap((m) => m[1]!.split("|")));
}, timeLimit(60_000));

describe("the README's capability table matches the tree", () => {
  it("is there, with the workspace's tabs read from its source", () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(tabs).toContain("Build");
  });

  it.each(rows.map((r) => [r.name, r] as const))("%s: one name in every place it lives, and each place exists", (name, row) => {
    if (row.tab) {
      expect(tabs).toContain(row.tab);
      expect(row.tab.toLowerCase()).toBe(name);
    }
    for (const [where, value, path] of [
      ["renderer", row.renderer, `renderer/features/${row.renderer}`],
      ["core", row.core, `app/core/${row.core}`],
      ["contract", row.contract, `app/contract/${row.contract}.ts`],
    ] as const) {
      if (value === null) continue;
      expect({ where, value }).toEqual({ where, value: name });
      expect(existsSync(join(repoRoot, path)), `${path} exists`).toBe(true);
    }
  });

  it("names every tab in exactly one row", () => {
    for (const tab of tabs) expect(rows.filter((r) => r.tab === tab).map((r) => r.name)).toEqual([tab.toLowerCase()]);
  });

  it("names every renderer feature folder and every app/core folder, as a capability or a shared folder", () => {
    const listed = new Set([
      ...rows.flatMap((r) => [r.renderer && `renderer/features/${r.renderer}`, r.core && `app/core/${r.core}`]),
      ...shared,
    ]);
    const tree = [
      ...foldersIn("renderer/features").map((d) => `renderer/features/${d}`),
      ...foldersIn("app/core").map((d) => `app/core/${d}`),
    ];
    expect(tree.filter((d) => !listed.has(d))).toEqual([]);
    expect(shared.filter((d) => !existsSync(join(repoRoot, d)))).toEqual([]);
  });

  it("names every channel of the contract in its capability's row, and no channel the contract lacks", () => {
    expect(rows.flatMap((r) => r.channels)).toContain("build.run");
    expect(channelDrift(Object.keys(channels), rows)).toEqual([]);
  });

  it("names only commands the CLI offers", () => {
    const named = rows.flatMap((r) => r.commands);
    expect(named).toContain("build");
    expect(named.filter((c) => !commands.has(c))).toEqual([]);
  });
});
