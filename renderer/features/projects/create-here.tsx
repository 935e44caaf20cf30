// A picked folder that is not a project: offer to create one there (or in a new folder inside it).
import { useState } from "react";
import type { Project } from "../../../app/contract";
import { errorCode, errorText } from "../../api/error-text";
import { useCreateProject } from "../../shared/queries/use-projects";

/** The folder's name as a project name (it becomes the image name, so lowercase and safe). */
export function projectNameFor(dir: string): string {
  const base =
    dir
      .replace(/[\\/]+$/, "")
      .split(/[\\/]/)
      .pop() ?? "";
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name || "my-model";
}

export function CreateHere({ dir, reason, onOpen }: { dir: string; reason: string; onOpen(p: Project): void }) {
  const create = useCreateProject(onOpen);
  const [name, setName] = useState(projectNameFor(dir));
  const notEmpty = create.isError && errorCode(create.error) === "conflict";
  const sub = `${dir.replace(/[\\/]+$/, "")}/${name}`;
  return (
    <div className="banner create-here" data-testid="create-here" role="alert">
      <p>
        <span className="mono">{dir}</span> is not a Stagemaker project yet{" "}
        <span className="muted">({reason.includes("no stagemaker.json") ? "no stagemaker.json" : reason})</span>.
      </p>
      <div className="row wrap">
        <label className="field inline">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Name for the new project" spellCheck={false} />
        </label>
        {!notEmpty ? (
          <button type="button" className="primary" disabled={!name || create.isPending} onClick={() => create.mutate({ name, dir })}>
            Create a project here
          </button>
        ) : (
          <button type="button" className="primary" disabled={!name || create.isPending} onClick={() => create.mutate({ name, dir: sub })}>
            Create it in {sub}
          </button>
        )}
      </div>
      {create.isError && <p className={notEmpty ? "muted" : "field-error"}>{errorText(create.error)}</p>}
    </div>
  );
}
