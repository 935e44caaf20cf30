import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFolders } from "./list-folders";

const base = mkdtempSync(join(tmpdir(), "smk-folders-"));
const homeDir = join(base, "home");
const workspaceDir = join(base, "home", "ws");
mkdirSync(join(workspaceDir, "model-a"), { recursive: true });
writeFileSync(join(workspaceDir, "model-a", "stagemaker.json"), "{}");
mkdirSync(join(homeDir, "data", "empty"), { recursive: true });
mkdirSync(join(homeDir, ".hidden"));
mkdirSync(join(base, "outside"));
symlinkSync(join(base, "outside"), join(homeDir, "escape"));
const roots = { homeDir, workspaceDir };

describe("the folder picker's listing", () => {
  it("starts in the workspace, marks projects, hides dot folders and goes up only to a root", async () => {
    const ws = await listFolders(roots, undefined);
    expect(ws.path).toBe(workspaceDir);
    expect(ws.entries).toEqual([{ name: "model-a", path: join(workspaceDir, "model-a"), isProject: true }]);
    expect(ws.roots.map((r) => r.label)).toEqual(["Workspace", "Home"]);
    const home = await listFolders(roots, homeDir);
    expect(home.parent).toBeNull();
    // Symlinks are not offered (one may lead outside); typed, they are resolved and checked below.
    expect(home.entries.map((e) => e.name)).toEqual(["data", "ws"]);
    const empty = await listFolders(roots, join(homeDir, "data", "empty"));
    expect(empty).toMatchObject({ isEmpty: true, isProject: false, parent: join(homeDir, "data") });
  });

  it("refuses folders outside home and workspace, also through a symlink", async () => {
    await expect(listFolders(roots, "/etc")).rejects.toMatchObject({ code: "outside-project" });
    await expect(listFolders(roots, join(homeDir, "escape"))).rejects.toMatchObject({ code: "outside-project" });
    await expect(listFolders(roots, join(homeDir, "..", "outside"))).rejects.toMatchObject({ code: "outside-project" });
    await expect(listFolders(roots, "relative/path")).rejects.toMatchObject({ code: "invalid-input" });
  });
});
