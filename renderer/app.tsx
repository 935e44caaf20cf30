import { lazy, Suspense, useEffect, useState } from "react";
import type { Project } from "../app/contract";
import { errorText } from "./api/error-text";
import { EngineDownBanner, EngineStatusBadge } from "./features/engine/engine-status";
import { ProjectsScreen } from "./features/projects/projects-screen";
import { SettingsPanel } from "./features/settings/settings-panel";
import { useProject } from "./shared/queries/use-projects";

// The projects screen is what opens first; the workspace (and Monaco behind it) loads on demand.
const WorkspaceScreen = lazy(() => import("./features/workspace/workspace-screen").then((m) => ({ default: m.WorkspaceScreen })));

/** The open project lives in the URL hash, so a reload comes back to it (the token stays in the query). */
function readHash(): string | null {
  const m = /^#\/project\/(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

export function App() {
  const [dir, setDir] = useState<string | null>(readHash);
  const [settingsOpen, setSettingsOpen] = useState(false);
  useEffect(() => {
    const onHash = () => setDir(readHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const open = (p: Project) => {
    location.hash = `#/project/${encodeURIComponent(p.dir)}`;
    setDir(p.dir);
  };
  const close = () => {
    history.pushState(null, "", location.pathname + location.search);
    setDir(null);
  };

  return (
    <div className="app">
      <header className="titlebar">
        <button type="button" className="brand" onClick={close} title="All projects">
          <span className="logo" aria-hidden="true">
            ◆
          </span>{" "}
          Stagemaker
        </button>
        {dir && <ProjectCrumb dir={dir} />}
        <span className="spacer" />
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
        <EngineStatusBadge />
      </header>
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
      <EngineDownBanner />
      {dir ? <OpenProject dir={dir} onClose={close} /> : <ProjectsScreen onOpen={open} />}
    </div>
  );
}

function ProjectCrumb({ dir }: { dir: string }) {
  const project = useProject(dir);
  return (
    <span className="crumb">
      <span className="crumb-sep">/</span>
      <h1 className="crumb-name">{project.data?.manifest.name ?? "…"}</h1>
      <span className="crumb-dir" title={dir}>
        {dir}
      </span>
    </span>
  );
}

function OpenProject({ dir, onClose }: { dir: string; onClose(): void }) {
  const project = useProject(dir);
  if (project.isPending) return <main className="center-message muted">Opening {dir}…</main>;
  if (project.isError)
    return (
      <main className="center-message">
        <p className="field-error">
          Could not open {dir}: {errorText(project.error)}
        </p>
        <button type="button" onClick={onClose}>
          Back to projects
        </button>
      </main>
    );
  return (
    <Suspense fallback={<main className="center-message muted">Opening {dir}…</main>}>
      <WorkspaceScreen key={dir} project={project.data} />
    </Suspense>
  );
}
