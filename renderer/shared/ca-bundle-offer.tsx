// After a build failed on a TLS certificate: pick a detected CA bundle and build again, in one click.
import { useState } from "react";
import { errorText } from "../api/error-text";
import { useSaveSettings, useSettings } from "./queries/use-settings";

export function CaBundleOffer({ onRetry }: { onRetry(): void }) {
  const settings = useSettings();
  const save = useSaveSettings();
  const detected = settings.data?.detectedCaBundles ?? [];
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const path = choice ?? detected[0]?.path ?? "";
  const saved = settings.data?.saved;
  const apply = () => {
    if (!saved || !path) return;
    save.mutate({ ...saved, caBundleMode: "file", caBundlePath: path }, { onSuccess: () => onRetry() });
  };
  return (
    <div className="ca-offer" data-testid="ca-offer">
      <label className="field">
        <span>
          CA bundle for builds
          {settings.data ? ` (now: ${settings.data.effective.caBundle.value ?? "none"} — ${settings.data.effective.caBundle.source})` : ""}
        </span>
        {detected.length > 0 ? (
          <select value={path} onChange={(e) => setChoice(e.target.value)} aria-label="CA bundle to use">
            {detected.map((d) => (
              <option key={d.path} value={d.path}>
                {d.path} ({d.source})
              </option>
            ))}
          </select>
        ) : (
          <input
            value={path}
            onChange={(e) => setChoice(e.target.value)}
            placeholder="/path/to/ca-bundle.pem"
            aria-label="CA bundle to use"
            spellCheck={false}
          />
        )}
      </label>
      <button type="button" className="primary" onClick={apply} disabled={!path || save.isPending || !saved}>
        Use this CA bundle and build again
      </button>
      {save.isError && <p className="field-error">{errorText(save.error)}</p>}
    </div>
  );
}
