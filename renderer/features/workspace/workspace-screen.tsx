import { useMemo, useState } from "react";
import type { Project } from "../../../app/contract";
import { ArtifactsPanel } from "../artifacts/artifacts-panel";
import { BuildPanel } from "../images/build-panel";
import { useBuild } from "../images/use-build";
import { EditorPane } from "../editor/editor-pane";
import { useDrafts } from "../editor/use-drafts";
import { InvokePanel } from "../invoke/invoke-panel";
import { RunPanel } from "../run/run-panel";
import { useContainerState, useRunActions, useRunLog } from "../run/use-run";
import { FileTree } from "./file-tree";

const TABS = ["Code", "Artifacts", "Build", "Run", "Invoke"] as const;
type Tab = (typeof TABS)[number];

/**
 * One project: every panel stays mounted (hidden when not shown) so an open editor, a running
 * build or a follow on the container's log survive switching tabs.
 */
export function WorkspaceScreen({ project }: { project: Project }) {
  const [tab, setTab] = useState<Tab>("Code");
  const [openPath, setOpenPath] = useState<string | null>("model/predictor.py");
  const drafts = useDrafts(project.dir);
  const dirty = useMemo(() => new Set(Object.keys(drafts.drafts)), [drafts.drafts]);
  const build = useBuild(project.dir).view;
  const container = useContainerState(project.dir).data;
  const [runLog] = useRunLog(project.dir);
  const { reload } = useRunActions(project.dir);
  // The fast inner loop: in dev mode a saved model/ file reaches the running server at once.
  const onSaved = (path: string) => {
    if (path.startsWith("model/") && project.manifest.run.devMode && container?.state === "healthy" && !runLog.busy) void reload();
  };

  const badge: Record<Tab, string | undefined> = {
    Code: dirty.size ? `${dirty.size}` : undefined,
    Artifacts: undefined,
    Build: build.phase === "building" ? "…" : build.phase === "failed" ? "!" : undefined,
    Run: runLog.busy ? "…" : container?.state === "healthy" ? "●" : container?.state === "starting" ? "…" : container?.state === "failed" ? "!" : undefined,
    Invoke: undefined,
  };

  return (
    <div className="workspace">
      <div
        className="tabs"
        role="tablist"
        aria-label="Project views"
        onKeyDown={(e) => {
          const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
          if (!step) return;
          const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
          setTab(next);
          document.getElementById(`tab-${next}`)?.focus();
        }}
      >
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            tabIndex={tab === t ? 0 : -1}
            aria-controls={`panel-${t}`}
            className={`tab ${tab === t ? "active" : ""}`}
            onClick={() => setTab(t)}
          >
            {t}
            {badge[t] && <span className={`tab-badge tab-badge-${t.toLowerCase()}`}>{badge[t]}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panels">
        <div role="tabpanel" id="panel-Code" aria-labelledby="tab-Code" hidden={tab !== "Code"} className="code-view">
          <FileTree project={project.dir} selected={openPath} dirty={dirty} onSelect={setOpenPath} />
          <EditorPane project={project.dir} path={openPath} drafts={drafts} onSaved={onSaved} />
        </div>
        <div role="tabpanel" id="panel-Artifacts" aria-labelledby="tab-Artifacts" hidden={tab !== "Artifacts"}>
          <ArtifactsPanel project={project.dir} />
        </div>
        <div role="tabpanel" id="panel-Build" aria-labelledby="tab-Build" hidden={tab !== "Build"}>
          <BuildPanel project={project.dir} imageTag={project.manifest.imageTag} />
        </div>
        <div role="tabpanel" id="panel-Run" aria-labelledby="tab-Run" hidden={tab !== "Run"}>
          <RunPanel project={project} />
        </div>
        <div role="tabpanel" id="panel-Invoke" aria-labelledby="tab-Invoke" hidden={tab !== "Invoke"}>
          <InvokePanel project={project.dir} />
        </div>
      </div>
    </div>
  );
}
