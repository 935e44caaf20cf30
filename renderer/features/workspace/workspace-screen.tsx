import { type ReactNode, useMemo, useState } from "react";
import type { DiagnosticsResult, Project } from "../../../app/contract";
import { ArtifactsPanel } from "../artifacts/artifacts-panel";
import { BuildPanel } from "../build/build-panel";
import { useBuild } from "../../shared/queries/use-build";
import { EditorPane } from "../code/editor-pane";
import { ExportPanel } from "../export/export-panel";
import { useDrafts } from "../code/use-drafts";
import { isCheckedPath } from "../code/use-diagnostics";
import { ModelPanel } from "../model/model-panel";
import { hasPendingModel, markPendingModel } from "../../shared/queries/use-model";
import { droppedFiles } from "../../shared/dropped-files";
import { InvokePanel } from "../invoke/invoke-panel";
import { ExamplesPanel } from "../examples/examples-panel";
import { useExamplesAutoRun } from "../examples/use-auto-run";
import { useLastRun } from "../../shared/queries/use-examples";
import { SchemaEditor } from "../schemas/schema-editor";
import "../schemas/schemas.css";
import { RunPanel } from "../run/run-panel";
import { useRestartAfterBuild } from "../../shared/new-image-offer";
import { useContainerState, useRunActions, useRunLog } from "../../shared/queries/use-run";
import { FileTree } from "./file-tree";
import { ReadinessPanel } from "../readiness/readiness-panel";
import { PipelinePanel } from "../pipeline/pipeline-panel";
import { TransformPanel } from "../transform/transform-panel";
import { LoadPanel } from "../load/load-panel";

const TABS = [
  "Code",
  "Model",
  "Artifacts",
  "Build",
  "Run",
  "Schemas",
  "Invoke",
  "Examples",
  "Transform",
  "Pipeline",
  "Readiness",
  "Load",
  "Export",
] as const;
type Tab = (typeof TABS)[number];

/**
 * One project: every panel stays mounted (hidden when not shown) so an open editor, a running
 * build or a follow on the container's log survive switching tabs.
 */
export function WorkspaceScreen({ project }: { project: Project }) {
  const [tab, setTab] = useState<Tab>(() => (hasPendingModel(project.dir) ? "Model" : "Code"));
  // A handler project's code is its SageMaker script (artifacts/code/), not model/.
  const [openPath, setOpenPath] = useState<string | null>(() => {
    const program = project.manifest.env.find((e) => e.name === "SAGEMAKER_PROGRAM" && e.value)?.value;
    return program ? `artifacts/code/${program}` : "model/predictor.py";
  });
  const drafts = useDrafts(project.dir);
  const dirty = useMemo(() => new Set(Object.keys(drafts.drafts)), [drafts.drafts]);
  const build = useBuild(project.dir).view;
  const container = useContainerState(project.dir).data;
  const [runLog] = useRunLog(project.dir);
  const { reload } = useRunActions(project.dir);
  useExamplesAutoRun(project.dir);
  const examplesRun = useLastRun(project.dir).data;
  useRestartAfterBuild(project.dir);
  // The fast inner loop: in dev mode a saved model/ file reaches the running server at once —
  // also after a failed load or reload (the fix is the next save), queued behind one in flight.
  const onSaved = (path: string, check?: DiagnosticsResult | null) => {
    if (check && !check.parses) return; // reload skipped until the file parses; the editor says why
    // model/ and a handler project's artifacts/code/ script are what the dev container serves live.
    if (
      (path.startsWith("model/") || isCheckedPath(path)) &&
      project.manifest.run.devMode &&
      container &&
      container.state !== "stopped" &&
      container.containerId
    )
      void reload();
  };

  const badge: Record<Tab, string | undefined> = {
    Code: dirty.size ? `${dirty.size}` : undefined,
    Model: undefined,
    Artifacts: undefined,
    Build: build.phase === "building" ? "…" : build.phase === "failed" ? "!" : undefined,
    Run: runLog.busy
      ? "…"
      : container?.state === "healthy"
        ? "●"
        : container?.state === "starting"
          ? "…"
          : container?.state === "failed"
            ? "!"
            : undefined,
    Invoke: undefined,
    Schemas: undefined,
    Examples: examplesRun ? (examplesRun.failed ? `✕${examplesRun.failed}` : "✓") : undefined,
    Transform: undefined,
    Pipeline: undefined,
    Readiness: undefined,
    Load: undefined,
    Export: undefined,
  };

  return (
    <main
      className="workspace"
      // A file dropped anywhere the panels do not take it goes to the Model tab.
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        if (e.defaultPrevented || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        void droppedFiles(e.dataTransfer).then((files) => {
          markPendingModel(project.dir, { files });
          setTab("Model");
        });
      }}
    >
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
        <TabPanel name="Code" shown={tab} className="code-view">
          <FileTree project={project.dir} selected={openPath} dirty={dirty} onSelect={setOpenPath} />
          <EditorPane project={project.dir} path={openPath} drafts={drafts} onSaved={onSaved} onOpen={setOpenPath} />
        </TabPanel>
        <TabPanel name="Model" shown={tab}>
          <ModelPanel project={project.dir} />
        </TabPanel>
        <TabPanel name="Artifacts" shown={tab}>
          <ArtifactsPanel project={project.dir} />
        </TabPanel>
        <TabPanel name="Build" shown={tab}>
          <BuildPanel project={project.dir} imageTag={project.manifest.imageTag} />
        </TabPanel>
        <TabPanel name="Run" shown={tab}>
          <RunPanel project={project} />
        </TabPanel>
        <TabPanel name="Schemas" shown={tab}>
          <SchemaEditor project={project.dir} />
        </TabPanel>
        <TabPanel name="Invoke" shown={tab}>
          <InvokePanel project={project.dir} />
        </TabPanel>
        <TabPanel name="Examples" shown={tab}>
          <ExamplesPanel project={project.dir} />
        </TabPanel>
        <TabPanel name="Transform" shown={tab}>
          <TransformPanel target={project.dir} />
        </TabPanel>
        <TabPanel name="Pipeline" shown={tab}>
          <PipelinePanel project={project.dir} transformPanel={(dir) => <TransformPanel target={dir} />} />
        </TabPanel>
        <TabPanel name="Readiness" shown={tab}>
          <ReadinessPanel project={project.dir} imageTag={project.manifest.imageTag} />
        </TabPanel>
        <TabPanel name="Load" shown={tab}>
          <LoadPanel project={project.dir} />
        </TabPanel>
        <TabPanel name="Export" shown={tab}>
          <ExportPanel project={project.dir} />
        </TabPanel>
      </div>
    </main>
  );
}

/** One tab's panel, labelled by its tab and hidden while another tab is shown. */
function TabPanel({ name, shown, className, children }: { name: Tab; shown: Tab; className?: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${name}`} aria-labelledby={`tab-${name}`} hidden={shown !== name} className={className}>
      {children}
    </div>
  );
}
