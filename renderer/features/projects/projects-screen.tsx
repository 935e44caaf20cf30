import { useState, type DragEvent, type FormEvent } from "react";
import type { Project } from "../../../app/contract";
import { errorCode, errorText } from "../../api/error-text";
import { droppedFiles, pickedFiles, type PickedFile } from "../../shared/dropped-files";
import { markPendingModel } from "../../shared/queries/use-model";
import { CreateHere } from "./create-here";
import { FolderPicker } from "./folder-picker";
import { useCreateProject, useOpenProject, useRecentProjects } from "../../shared/queries/use-projects";

const NAME_RULE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Start here: a new project from the template, an existing folder, or one used before. */
export function ProjectsScreen({ onOpen }: { onOpen: (p: Project) => void }) {
  const recent = useRecentProjects();
  const [model, setModel] = useState<PickedFile | null>(null);
  // "New project from this model": the workspace opens on its Model tab and takes the file over.
  const create = useCreateProject((p) => {
    if (model) markPendingModel(p.dir, { files: [model] });
    onOpen(p);
  });
  const chooseModel = (files: PickedFile[]) => {
    const f = files[0];
    if (!f) return;
    setModel(f);
    if (!name)
      setName(
        f.file.name
          .replace(/\.(tar\.gz|[^.]+)$/, "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "") || "model",
      );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void droppedFiles(e.dataTransfer).then(chooseModel);
  };
  const open = useOpenProject(onOpen);
  const [name, setName] = useState("");
  const [folder, setFolder] = useState("");
  const [openDir, setOpenDir] = useState("");
  const nameProblem =
    name && !NAME_RULE.test(name) ? "Use lowercase letters and digits, with . _ or - between them (it becomes the image name)." : "";

  const submitCreate = (e: FormEvent) => {
    e.preventDefault();
    if (!name || nameProblem) return;
    create.mutate({ name, dir: folder.trim() || undefined });
  };
  const submitOpen = (e: FormEvent) => {
    e.preventDefault();
    if (openDir.trim()) open.mutate(openDir.trim());
  };

  return (
    <main className="projects-screen" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="projects-drop">
      <h1 className="visually-hidden">Projects</h1>
      <section className="card">
        <h2>New project</h2>
        <p className="muted">Starts from the Stagemaker server template: a SageMaker-compatible server around your predictor.</p>
        <form onSubmit={submitCreate} className="stack">
          <label className="field">
            <span>Project name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="my-model" autoFocus spellCheck={false} />
          </label>
          {nameProblem && <p className="field-error">{nameProblem}</p>}
          <label className="field">
            <span>Folder (optional)</span>
            <input
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              placeholder="inside the workspace folder"
              spellCheck={false}
            />
          </label>
          <label className="field">
            <span>Model file (optional: drop one anywhere here)</span>
            <input
              type="file"
              aria-label="Model file"
              data-testid="new-project-model"
              onChange={(e) => e.target.files && chooseModel(pickedFiles(e.target.files))}
            />
          </label>
          {model && (
            <p className="muted" data-testid="new-project-model-name">
              From {model.file.name}: the project's Instance, Prediction, predictor and requirements are generated from it.
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={!name || !!nameProblem || create.isPending}>
              {create.isPending ? "Creating…" : "Create project"}
            </button>
          </div>
          {create.isError && (
            <p className="field-error" role="alert">
              {errorText(create.error)}
            </p>
          )}
        </form>
      </section>

      <section className="card">
        <h2>Open a project</h2>
        <form onSubmit={submitOpen} className="stack">
          <label className="field">
            <span>Project folder</span>
            <input value={openDir} onChange={(e) => setOpenDir(e.target.value)} placeholder="/path/to/project" spellCheck={false} />
          </label>
          <div className="row">
            <button type="submit" disabled={!openDir.trim() || open.isPending}>
              Open
            </button>
            <FolderPicker
              onPick={(p) => {
                setOpenDir(p);
                open.mutate(p);
              }}
            />
          </div>
          {open.isError && errorCode(open.error) === "not-found" && open.variables ? (
            <CreateHere dir={open.variables} onOpen={onOpen} reason={errorText(open.error)} />
          ) : (
            open.isError && (
              <p className="field-error" role="alert">
                {errorText(open.error)}
              </p>
            )
          )}
        </form>

        <h3>Recent</h3>
        <ul className="recent-list" data-testid="recent-projects">
          {recent.isPending && <li className="muted">Loading…</li>}
          {recent.isError && <li className="field-error">{errorText(recent.error)}</li>}
          {recent.data?.length === 0 && <li className="muted">No projects yet.</li>}
          {recent.data?.map((p) => (
            <li key={p.dir}>
              <button type="button" className="recent-item" onClick={() => open.mutate(p.dir)}>
                <span className="recent-name">{p.name}</span>
                <span className="recent-dir">{p.dir}</span>
                <span className="recent-when">{new Date(p.openedAt).toLocaleString()}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
