// Pick a project folder: the OS dialog in Electron, a folder browser served by the host in a browser.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import "./projects.css";

/** Browses folders under the user's home and the workspace (the host refuses anything else). */
function FolderBrowser({ onPick, onClose }: { onPick(path: string): void; onClose(): void }) {
  const api = useApi();
  const [path, setPath] = useState<string | undefined>(undefined);
  const listing = useQuery({ queryKey: keys.folders(path), queryFn: () => api.call("folders.list", path ? { path } : {}) });
  const here = listing.data;
  return (
    <div className="folder-browser" data-testid="folder-browser" role="group" aria-label="Choose a folder">
      <div className="row wrap">
        {here?.roots.map((r) => (
          <button type="button" key={r.path} onClick={() => setPath(r.path)} className={here.path === r.path ? "active" : ""}>
            {r.label}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {listing.isError && <p className="field-error">{errorText(listing.error)}</p>}
      {here && (
        <>
          <div className="row">
            <span className="mono folder-path" data-testid="folder-path">
              {here.path}
            </span>
            {here.isProject && <span className="badge">project</span>}
          </div>
          <ul className="folder-list" aria-label="Folders">
            {here.parent && (
              <li>
                <button type="button" className="folder-item" onClick={() => setPath(here.parent!)}>
                  ↑ ..
                </button>
              </li>
            )}
            {here.entries.length === 0 && <li className="muted">No folders here.</li>}
            {here.entries.map((e) => (
              <li key={e.path}>
                <button
                  type="button"
                  className="folder-item"
                  onClick={() => setPath(e.path)}
                  onDoubleClick={() => e.isProject && onPick(e.path)}
                >
                  📁 {e.name}
                  {e.isProject && <span className="badge">project</span>}
                </button>
              </li>
            ))}
          </ul>
          <div className="row">
            <button type="button" className="primary" onClick={() => onPick(here.path)}>
              {here.isProject ? "Open this project" : "Use this folder"}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** "Choose folder…": the native dialog where there is one, else the host's folder browser. */
export function FolderPicker({ onPick }: { onPick(path: string): void }) {
  const api = useApi();
  const [browsing, setBrowsing] = useState(false);
  const choose = async () => {
    if (api.pickFolder) {
      const picked = await api.pickFolder();
      if (picked) onPick(picked);
    } else setBrowsing(true);
  };
  return (
    <>
      <button type="button" onClick={() => void choose()}>
        Choose folder…
      </button>
      {browsing && (
        <FolderBrowser
          onClose={() => setBrowsing(false)}
          onPick={(p) => {
            setBrowsing(false);
            onPick(p);
          }}
        />
      )}
    </>
  );
}
