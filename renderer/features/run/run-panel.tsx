import { useMemo } from "react";
import type { Project } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { formatDuration } from "../../shared/format";
import { LogView, type LogLineView } from "../../shared/log-view";
import stripAnsi from "strip-ansi";
import { EnvTable } from "./env-table";
import { useContainerState, useFollowLogs, useRunActions, useRunLog } from "./use-run";

/** Start, stop and restart the project's container; its state, port, settings and live log. */
export function RunPanel({ project }: { project: Project }) {
  const { data: state, error: statusError } = useContainerState(project.dir);
  const [log] = useRunLog(project.dir);
  const { run, reload, stop, restart } = useRunActions(project.dir);
  const followId = state && state.state !== "stopped" && !log.busy ? state.containerId : undefined;
  useFollowLogs(project.dir, followId);
  const s = state?.state ?? "stopped";
  const up = s === "starting" || s === "healthy";
  const busy = log.busy !== undefined;
  const port = state && "hostPort" in state ? state.hostPort : undefined;

  const lines: LogLineView[] = useMemo(() => log.lines.map((l) => ({ text: l.line, tone: l.stream === "stderr" ? "muted" : undefined })), [log.lines]);

  let detail = "";
  if (log.busy === "reloading") detail = log.waiting ? `restarting the server (${formatDuration(log.waiting.elapsedMs)})` : "restarting the server…";
  else if (log.busy === "starting" || state?.state === "starting") {
    detail = log.waiting
      ? `waiting for /ping (${formatDuration(log.waiting.elapsedMs)} of ${formatDuration(log.waiting.limitMs)}; last: ${log.waiting.lastPing})`
      : log.busy === "starting"
        ? "creating the container…"
        : "waiting for /ping";
  } else if (state?.state === "healthy") detail = state.startupMs !== undefined ? `answered /ping after ${formatDuration(state.startupMs)}` : "answering /ping";
  else if (state?.state === "failed") detail = `${state.exitCode !== null ? `exit code ${state.exitCode} — ` : ""}${state.reason}`;

  return (
    <div className="panel run-panel">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void run()} disabled={up || busy}>
          Run
        </button>
        <button type="button" onClick={() => void stop()} disabled={!(up || log.busy === "starting" || log.busy === "reloading") || log.busy === "stopping"}>
          Stop
        </button>
        <button type="button" onClick={() => void restart()} disabled={!up || busy} title="A new container (picks up changed variables)">
          Restart
        </button>
        <button type="button" onClick={() => void reload()} disabled={s !== "healthy" || busy} title={project.manifest.run.devMode ? "Restart only the server so it imports the saved code" : "Rebuild (cached) and start a new container"}>
          Reload code
        </button>
        <span className={`run-state state-${log.busy === "reloading" || (log.busy === "starting" && s !== "healthy") ? "starting" : s}`} data-testid="run-state" role="status">
          <span className="dot" aria-hidden="true" />
          {log.busy === "stopping" ? "stopping" : log.busy === "reloading" ? "reloading" : log.busy === "starting" && s !== "healthy" && s !== "failed" ? "starting" : s}
          {detail && <span className="muted"> · {detail}</span>}
        </span>
        <span className="spacer" />
        {port !== undefined && (
          <span className="host-port" data-testid="host-port" title="Where the server answers on this machine">
            http://127.0.0.1:{port}
          </span>
        )}
      </div>
      {statusError && <div className="banner bad">{errorText(statusError)}</div>}
      {log.error && <div className="banner bad" role="alert">{log.error}</div>}
      {state?.state === "failed" && state.lastLogs.length > 0 && (
        <div className="banner bad">
          <strong>Last log lines</strong>
          <pre className="tail" tabIndex={0}>{state.lastLogs.slice(-20).map(stripAnsi).join("\n")}</pre>
        </div>
      )}
      <p className="muted small-print">
        {project.manifest.run.devMode ? "Dev mode: model/ is mounted into the running container; saving a file under model/ reloads only the server." : "Runs the built image as is; Reload code rebuilds (cached) and starts a new container."}
      </p>
      <div className="split">
        <LogView lines={lines} label="Container log" testId="run-log" empty="The container's output appears here." />
        <EnvTable project={project} />
      </div>
    </div>
  );
}
