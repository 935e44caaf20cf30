import { useMemo } from "react";
import type { Project } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { formatDuration } from "../../shared/format";
import { LogView, type LogLineView } from "../../shared/log-view";
import stripAnsi from "strip-ansi";
import { EnvTable } from "./env-table";
import { KeepRunningAfterQuit } from "./keep-running";
import { NewImageOffer } from "../../shared/new-image-offer";
import { ModelRefusalBanner } from "../../shared/model-refusal-banner";
import { runStateLabel } from "./run-state-label";
import { useContainerState, useFollowLogs, useRunActions, useRunLog } from "../../shared/queries/use-run";

/** Start, stop and restart the project's container; its state, port, settings and live log. */
export function RunPanel({ project }: { project: Project }) {
  const { data: state, error: statusError } = useContainerState(project.dir);
  const [log] = useRunLog(project.dir);
  const { run, reload, stop, restart } = useRunActions(project.dir);
  const followId = state && state.state !== "stopped" && !log.busy ? state.containerId : undefined;
  useFollowLogs(project.dir, followId);
  const s = state?.state ?? "stopped";
  const busy = log.busy !== undefined;
  // A failed container is kept for its log: it can be restarted, reloaded or stopped like a live one.
  const hasContainer = state !== undefined && state.state !== "stopped" && state.containerId !== undefined;
  const port = state && "hostPort" in state ? state.hostPort : undefined;
  const label = runStateLabel(s, log.busy);

  const lines: LogLineView[] = useMemo(
    () => log.lines.map((l) => ({ text: l.line, tone: l.stream === "stderr" ? "muted" : undefined })),
    [log.lines],
  );

  let detail = "";
  if (label === "reloading")
    detail = log.waiting
      ? `restarting the server (${formatDuration(log.waiting.elapsedMs)}; last: ${log.waiting.lastPing})`
      : "restarting the server…";
  else if (label === "starting") {
    detail = log.waiting
      ? `waiting for /ping (${formatDuration(log.waiting.elapsedMs)} of ${formatDuration(log.waiting.limitMs)}; last: ${log.waiting.lastPing})`
      : log.busy === "starting"
        ? "creating the container…"
        : "waiting for /ping";
  } else if (state?.state === "healthy")
    detail = state.startupMs !== undefined ? `answered /ping after ${formatDuration(state.startupMs)}` : "answering /ping";
  else if (label === "failed" && state?.state === "failed")
    detail = `${state.exitCode !== null && !state.reason.includes(`code ${state.exitCode}`) ? `exit code ${state.exitCode} — ` : ""}${state.reason}`;

  return (
    <div className="panel run-panel">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void run()} disabled={hasContainer || busy}>
          Run
        </button>
        <button
          type="button"
          onClick={() => void stop()}
          disabled={!(hasContainer || log.busy === "starting" || log.busy === "reloading") || log.busy === "stopping"}
        >
          Stop
        </button>
        <button
          type="button"
          onClick={() => void restart()}
          disabled={!hasContainer || log.busy === "stopping"}
          title="A new container from the newest image (picks up changed variables)"
        >
          Restart
        </button>
        <button
          type="button"
          onClick={() => void reload()}
          disabled={!hasContainer || busy}
          title={
            project.manifest.run.devMode
              ? "Restart only the server so it imports the saved code"
              : "Rebuild (cached) and start a new container"
          }
        >
          Reload code
        </button>
        <span className={`run-state state-${label}`} data-testid="run-state" role="status">
          <span className="dot" aria-hidden="true" />
          {label}
          {detail && <span className="muted"> · {detail}</span>}
        </span>
        <span className="spacer" />
        {port !== undefined && (
          <span className="host-port" data-testid="host-port" title="Where the server answers on this machine (kept across restarts)">
            http://127.0.0.1:{port}
          </span>
        )}
        <KeepRunningAfterQuit />
      </div>
      <ModelRefusalBanner project={project.dir} />
      {statusError && <div className="banner bad">{errorText(statusError)}</div>}
      {log.error && (
        <div className="banner bad" role="alert">
          {log.error}
        </div>
      )}
      {log.notice && (
        <div className="banner muted" data-testid="run-notice">
          {log.notice}
        </div>
      )}
      <NewImageOffer project={project.dir} />
      {label === "failed" && state?.state === "failed" && (
        <div className="banner bad" data-testid="run-failure">
          {state.hint && (
            <p className="hint" data-testid="run-hint">
              <strong>What to do:</strong> {state.hint}
            </p>
          )}
          {hasContainer && <p className="muted">The container is kept so you can read its log; Reload code, Restart or Stop when ready.</p>}
          {state.lastLogs.length > 0 && (
            <>
              <strong>Last log lines</strong>
              <pre className="tail" tabIndex={0}>
                {state.lastLogs.slice(-20).map(stripAnsi).join("\n")}
              </pre>
            </>
          )}
        </div>
      )}
      <p className="muted small-print">
        {project.manifest.run.devMode
          ? "Dev mode: model/ is mounted into the running container; saving a file under model/ reloads only the server."
          : "Runs the built image as is; Reload code rebuilds (cached) and starts a new container."}
      </p>
      <div className="split">
        <LogView lines={lines} label="Container log" testId="run-log" empty="The container's output appears here." />
        <EnvTable project={project} />
      </div>
    </div>
  );
}
