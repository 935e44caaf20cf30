import { errorText } from "../../api/error-text";
import { useEngineStatus } from "../../shared/queries/use-engine-status";

/** Always in the title bar: whether Docker answers, and what to do when it does not. */
export function EngineStatusBadge() {
  const status = useEngineStatus();
  const data = status.data;
  let tone = "pending";
  let text = "Docker engine: checking…";
  let title = "";
  if (data?.state === "reachable") {
    tone = "ok";
    text = `Docker engine running · ${data.version}`;
    title = `${data.host} (${data.source}) · API ${data.apiVersion} · ${data.os}/${data.arch}`;
  } else if (data?.state === "unreachable") {
    tone = "bad";
    text = `Docker engine not reachable — ${data.hint}`;
    title = `${data.host} (${data.source}): ${data.reason}`;
  } else if (status.isError) {
    tone = "bad";
    text = `Docker engine not reachable — the app could not ask for its status: ${errorText(status.error)}`;
  }
  return (
    <div className={`engine-status tone-${tone}`} data-testid="engine-status" title={title} role="status">
      <span className="dot" aria-hidden="true" />
      <span className="engine-text">{text}</span>
      {tone === "bad" && (
        <button type="button" className="link" onClick={() => void status.refetch()}>
          Retry
        </button>
      )}
    </div>
  );
}

/** When the engine is down the title bar chip is too small for the advice; say it in full once. */
export function EngineDownBanner() {
  const status = useEngineStatus();
  const data = status.data;
  if (data?.state !== "unreachable") return null;
  return (
    <div className="engine-banner" role="alert">
      <strong>Docker is not answering</strong> at <code>{data.host}</code> ({data.source}): {data.reason}. {data.hint} Builds and runs wait
      until it answers; this page checks again every few seconds.
    </div>
  );
}
