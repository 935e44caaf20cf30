// The Export panel: where to (folder, remote, branch), what happens to artifacts and which deploy
// scripts, a preview of what will be committed, the message, progress and the resulting commit.
import { type FormEvent, useEffect, useState } from "react";
import { errorText } from "../../api/error-text";
import { ExportPlanView } from "./export-plan-view";
import { ExportResultView } from "./export-result-view";
import { type ExportForm, useExportPlan, useExportRun, useLastExportSettings } from "./use-export";
import "./export.css";

const blank: ExportForm = {
  to: "",
  remote: "",
  branch: "main",
  push: false,
  message: "",
  artifactsThresholdMb: 50,
  largeArtifacts: "package",
  deployTool: "aws-cli",
};

/** The form as the contract wants it: empty optional strings left out. */
function cleaned(form: ExportForm): ExportForm {
  return { ...form, remote: form.remote?.trim() || undefined, message: form.message?.trim() || undefined, to: form.to.trim() };
}

export function ExportPanel({ project }: { project: string }) {
  const last = useLastExportSettings(project);
  const [form, setForm] = useState<ExportForm>(blank);
  const [touched, setTouched] = useState(false);
  const plan = useExportPlan(project);
  const { view, run, cancel } = useExportRun(project);
  // Start from the last export's settings once they arrive (unless the person already typed).
  useEffect(() => {
    if (last.data && !touched) setForm((f) => ({ ...f, ...last.data, push: false, message: "" }));
  }, [last.data, touched]);
  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]) => {
    setTouched(true);
    setForm((f) => ({ ...f, [key]: value }));
    plan.reset();
  };
  const ready = form.to.trim().length > 0;
  const preview = () => ready && plan.mutate(cleaned(form));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || view.phase === "running") return;
    await run(cleaned(form));
    plan.reset();
  };

  return (
    <div className="export-panel">
      <form onSubmit={(e) => void submit(e)} aria-label="Export to git">
        <label>
          Target folder
          {/* A typed path: the target may not exist yet (the export creates it), which a folder picker cannot choose. */}
          <input
            data-testid="export-target"
            value={form.to}
            placeholder="/home/me/repos/my-model"
            onChange={(e) => set("to", e.target.value)}
            required
          />
        </label>
        <label>
          Remote URL
          <input
            data-testid="export-remote"
            value={form.remote ?? ""}
            placeholder="git@github.com:me/my-model.git or https://…"
            onChange={(e) => set("remote", e.target.value)}
          />
        </label>
        <label>
          Branch
          <input data-testid="export-branch" value={form.branch} onChange={(e) => set("branch", e.target.value)} />
        </label>
        <label className="export-check">
          <input type="checkbox" data-testid="export-push" checked={form.push} onChange={(e) => set("push", e.target.checked)} />
          Push to the remote after committing (never forced)
        </label>
        <fieldset>
          <legend>Artifacts</legend>
          <label>
            Commit as plain files up to (MB)
            <input
              type="number"
              min={0}
              step="any"
              value={form.artifactsThresholdMb}
              onChange={(e) => set("artifactsThresholdMb", Number(e.target.value))}
            />
          </label>
          <label>
            Over that
            <select value={form.largeArtifacts} onChange={(e) => set("largeArtifacts", e.target.value as ExportForm["largeArtifacts"])}>
              <option value="package">leave out of git (make package builds model.tar.gz)</option>
              <option value="lfs">track with Git LFS</option>
            </select>
          </label>
        </fieldset>
        <label>
          Deploy scripts
          <select value={form.deployTool} onChange={(e) => set("deployTool", e.target.value as ExportForm["deployTool"])}>
            <option value="aws-cli">AWS CLI (bash)</option>
            <option value="boto3">boto3 (Python)</option>
          </select>
        </label>
        <label>
          Commit message
          <textarea
            data-testid="export-message"
            rows={2}
            value={form.message ?? ""}
            placeholder={plan.data?.message.split("\n")[0] ?? "generated: lists what changed"}
            onChange={(e) => set("message", e.target.value)}
          />
        </label>
        <div className="export-actions">
          <button type="button" onClick={preview} disabled={!ready || plan.isPending}>
            {plan.isPending ? "Checking…" : "Preview"}
          </button>
          <button type="submit" disabled={!ready || view.phase === "running" || Boolean(plan.data?.refusal)}>
            {view.phase === "running" ? "Exporting…" : "Export"}
          </button>
          {view.phase === "running" && (
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {plan.error && (
        <p role="alert" className="export-refusal">
          {errorText(plan.error)}
        </p>
      )}
      {plan.data && <ExportPlanView plan={plan.data} />}
      <ExportResultView view={view} />
    </div>
  );
}
