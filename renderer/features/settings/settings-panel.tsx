// Per-user settings: the CA bundle, proxies and package index builds use, each with where its value comes from.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { EffectiveValue, UserSettings } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { useSaveSettings, useSettings } from "../../shared/queries/use-settings";
import "./settings.css";

type TextField = "httpProxy" | "httpsProxy" | "noProxy" | "pipIndexUrl" | "pipExtraIndexUrl";
const TEXT_FIELDS: { key: TextField; label: string; placeholder: string }[] = [
  { key: "httpProxy", label: "HTTP proxy (HTTP_PROXY)", placeholder: "http://proxy.example:3128" },
  { key: "httpsProxy", label: "HTTPS proxy (HTTPS_PROXY)", placeholder: "http://proxy.example:3128" },
  { key: "noProxy", label: "No proxy for (NO_PROXY)", placeholder: "localhost,127.0.0.1,.internal" },
  { key: "pipIndexUrl", label: "pip index URL", placeholder: "https://pypi.org/simple" },
  { key: "pipExtraIndexUrl", label: "pip extra index URL", placeholder: "https://mirror.example/simple" },
];

function Source({ value, testId }: { value: EffectiveValue; testId: string }) {
  return (
    <span className="setting-source muted" data-testid={testId}>
      Builds use: <span className="mono">{value.value ?? "nothing"}</span> ({value.source})
    </span>
  );
}

export function SettingsPanel({ onClose }: { onClose(): void }) {
  const settings = useSettings();
  const save = useSaveSettings();
  const [form, setForm] = useState<UserSettings | undefined>(undefined);
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data.saved);
  }, [settings.data, form]);
  const view = settings.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form) save.mutate(form, { onSuccess: (v) => setForm(v.saved) });
  };
  const set = (patch: Partial<UserSettings>) => setForm((f) => (f ? { ...f, ...patch } : f));
  // A modal dialog: it takes the focus when it opens, Escape closes it wherever the focus is, and the
  // focus goes back to what opened it (the Settings button) when it closes.
  const dialog = useRef<HTMLElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="settings-backdrop">
      <section ref={dialog} tabIndex={-1} className="card settings-panel" role="dialog" aria-modal="true" aria-label="Settings">
        <div className="row">
          <h2>Settings</h2>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p className="muted">
          Yours, not the project's: kept in {view ? <span className="mono">{view.file}</span> : "the state folder"}. The next build uses
          them — no restart needed. An empty field falls back to the environment the app started in.
        </p>
        {settings.isError && <p className="field-error">{errorText(settings.error)}</p>}
        {form && view && (
          <form className="stack" onSubmit={submit}>
            <fieldset className="stack">
              <legend>Extra CA bundle (for a proxy that inspects HTTPS)</legend>
              <label className="field inline">
                <input type="radio" name="ca" checked={form.caBundleMode === "auto"} onChange={() => set({ caBundleMode: "auto" })} />
                <span>Detect from the environment ({view.detectedCaBundles.map((d) => d.source).join(", ") || "nothing found"})</span>
              </label>
              <label className="field inline">
                <input
                  type="radio"
                  name="ca"
                  checked={form.caBundleMode === "file"}
                  onChange={() => set({ caBundleMode: "file", caBundlePath: form.caBundlePath ?? view.detectedCaBundles[0]?.path })}
                />
                <span>This file</span>
                <input
                  className="grow"
                  aria-label="CA bundle file"
                  value={form.caBundlePath ?? ""}
                  onChange={(e) => set({ caBundleMode: "file", caBundlePath: e.target.value })}
                  placeholder="/etc/ssl/certs/ca-certificates.crt"
                  spellCheck={false}
                />
              </label>
              <label className="field inline">
                <input type="radio" name="ca" checked={form.caBundleMode === "none"} onChange={() => set({ caBundleMode: "none" })} />
                <span>No extra CA</span>
              </label>
              <Source value={view.effective.caBundle} testId="source-caBundle" />
            </fieldset>
            {TEXT_FIELDS.map((f) => (
              <label className="field" key={f.key}>
                <span>{f.label}</span>
                <input
                  aria-label={f.label}
                  value={form[f.key] ?? ""}
                  onChange={(e) => set({ [f.key]: e.target.value })}
                  placeholder={f.placeholder}
                  spellCheck={false}
                />
                <Source value={view.effective[f.key]} testId={`source-${f.key}`} />
              </label>
            ))}
            <label className="field inline">
              <input type="checkbox" checked={form.restartAfterBuild} onChange={(e) => set({ restartAfterBuild: e.target.checked })} />
              <span>After a build, restart a running project with the new image</span>
            </label>
            <div className="row">
              <button type="submit" className="primary" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save settings"}
              </button>
              {save.isSuccess && (
                <span className="muted" role="status">
                  Saved; the next build uses them.
                </span>
              )}
            </div>
            {save.isError && (
              <p className="field-error" role="alert">
                {errorText(save.error)}
              </p>
            )}
          </form>
        )}
      </section>
    </div>
  );
}
