// The Load tab: a concurrency sweep against the running container, a live chart, the table, where
// the time goes, the histogram, a sizing estimate and the comparison with the previous build's run.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { type LoadReport, type LoadStep, sizingHint } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";
import { ModelRefusalBanner } from "../../shared/model-refusal-banner";
import { HistogramChart, SweepChart } from "./load-chart";
import { useLoad } from "./use-load";
import "./load.css";

const f = (n: number, d = 1) => n.toFixed(d);
const TEXT = "\u0000text"; // the Body choice "text typed here" (no example can have this name)
const busiest = (steps: LoadStep[]) =>
  steps.reduce<LoadStep | undefined>((a, s) => (!a || s.requestsPerSecond > a.requestsPerSecond ? s : a), undefined);

/** A whole-number setting of the sweep or the sizing (1 or more), kept as typed. */
function LoadNumber({
  label,
  value,
  onChange,
  disabled,
  max,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  max?: number;
  placeholder?: string;
}) {
  return (
    <label className="row">
      {label}
      <input
        className="load-number"
        type="number"
        min={1}
        max={max}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
      />
    </label>
  );
}

export function LoadPanel({ project }: { project: string }) {
  const api = useApi();
  const { view, runs, start, cancel } = useLoad(project);
  const examples = useQuery({ queryKey: keys.examples(project), queryFn: () => api.call("examples.list", { project }) }).data ?? [];
  const [connections, setConnections] = useState("1,2,4,8,16");
  const [seconds, setSeconds] = useState("5");
  const [instances, setInstances] = useState("");
  const [example, setExample] = useState("");
  const [text, setText] = useState("");
  const [contentType, setContentType] = useState("application/json");
  const [rate, setRate] = useState("");
  const [targetRps, setTargetRps] = useState("");
  const [budget, setBudget] = useState("100");
  const concurrency = connections
    .split(",")
    .map((c) => Number(c.trim()))
    .filter((c) => Number.isInteger(c) && c > 0);
  const report: LoadReport | undefined = view.report ?? (view.phase === "idle" ? runs[0] : undefined);
  const steps = useMemo(() => (view.phase === "idle" ? (report?.steps ?? []) : view.steps), [view.phase, view.steps, report]);
  const sizing = useMemo(
    () => (steps.length ? sizingHint(steps, Number(targetRps) || undefined, Number(budget) || 100, report?.target.workers ?? 1) : null),
    [steps, targetRps, budget, report],
  );
  const top = busiest(steps);
  const isRunning = view.phase === "running";

  return (
    <div className="panel load-panel">
      <ModelRefusalBanner project={project} />
      <div className="toolbar">
        <label className="row">
          Connections
          <input
            className="load-connections"
            value={connections}
            onChange={(e) => setConnections(e.target.value)}
            disabled={isRunning}
            aria-describedby="load-connections-help"
          />
        </label>
        <LoadNumber label="Seconds per step" max={600} value={seconds} onChange={setSeconds} disabled={isRunning} />
        <LoadNumber label="Instances per request" placeholder="as saved" value={instances} onChange={setInstances} disabled={isRunning} />
        <label className="row">
          Body
          <select value={example} onChange={(e) => setExample(e.target.value)} disabled={isRunning}>
            <option value="">{examples.length ? `first example (${examples[0]!.name})` : "one instance from the schema"}</option>
            {examples.map((e) => (
              <option key={e.name} value={e.name}>
                example: {e.name}
              </option>
            ))}
            <option value={TEXT}>text typed here</option>
          </select>
        </label>
        <LoadNumber label="Rate (req/s)" placeholder="as fast" value={rate} onChange={setRate} disabled={isRunning} />
        {isRunning ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={concurrency.length === 0 || (example === TEXT && !text.trim())}
            onClick={() =>
              void start({
                concurrency,
                durationSeconds: Math.max(1, Number(seconds) || 5),
                instancesPerRequest: Number(instances) || undefined,
                ratePerSecond: Number(rate) || undefined,
                body: example === TEXT ? { from: "text", text, contentType } : example ? { from: "example", name: example } : undefined,
              })
            }
          >
            Run load test
          </button>
        )}
      </div>
      {example === TEXT && (
        <div className="load-text-body">
          <label className="row">
            Content type
            <select value={contentType} onChange={(e) => setContentType(e.target.value)} disabled={isRunning}>
              {["application/json", "text/csv", "application/jsonlines"].map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="field">
            Request body
            <textarea
              rows={4}
              value={text}
              onChange={(e) => setText(e.target.value)}
              disabled={isRunning}
              placeholder='{"instances": [...]}'
            />
          </label>
        </div>
      )}
      <p id="load-connections-help" className="muted">
        Each step keeps that many connections busy for the seconds given (at most 200,000 requests), against this project&apos;s running
        container on 127.0.0.1 only.
      </p>
      {isRunning && (
        <p className="muted" role="status" data-testid="load-status">
          {view.current
            ? `Step ${view.current.index + 1}/${view.current.of}: ${view.current.concurrency} connection(s), ${Math.round(view.current.elapsedMs / 1000)} s, ${view.current.requestsPerSecond} req/s`
            : view.message}
        </p>
      )}
      {view.error && (
        <p className="field-error" role="alert">
          {view.error}
        </p>
      )}
      {report?.comparison && (
        <p
          className={`load-comparison ${report.comparison.throughputChangePercent < -5 || (report.comparison.p99ChangePercent ?? 0) > 5 ? "load-worse" : "load-better"}`}
          data-testid="load-comparison"
          role="status"
        >
          {report.comparison.text}
        </p>
      )}
      <SweepChart
        steps={steps}
        live={
          isRunning && view.current
            ? { concurrency: view.current.concurrency, requestsPerSecond: view.current.requestsPerSecond }
            : undefined
        }
      />
      {steps.length > 0 && <StepsTable steps={steps} />}
      {steps.length > 0 && <Breakdown steps={steps} />}
      {top && top.histogram.length > 0 && (
        <section>
          <h3>Latency histogram at {top.concurrency} connections (the busiest step)</h3>
          <HistogramChart step={top} />
        </section>
      )}
      {sizing && (
        <section className="load-sizing" data-testid="load-sizing">
          <h3>Sizing (an estimate from this machine)</h3>
          <div className="toolbar">
            <LoadNumber label="Target requests/s" value={targetRps} onChange={setTargetRps} />
            <LoadNumber label="p99 budget (ms)" value={budget} onChange={setBudget} />
          </div>
          <p>{sizing.text}</p>
        </section>
      )}
      {runs.length > 0 && <History runs={runs} />}
    </div>
  );
}

function StepsTable({ steps }: { steps: LoadStep[] }) {
  return (
    <table className="load-table" data-testid="load-table">
      <thead>
        <tr>
          {[
            "connections",
            "req/s",
            "instances/s",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "errors",
            "non-2xx",
            "MB read",
            "CPU %",
            "memory MB",
          ].map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.concurrency}>
            <td>{s.concurrency}</td>
            <td>{f(s.requestsPerSecond)}</td>
            <td>{f(s.instancesPerSecond)}</td>
            <td>{f(s.latency.p50, 2)}</td>
            <td>{f(s.latency.p90, 2)}</td>
            <td>{f(s.latency.p99, 2)}</td>
            <td>{f(s.latency.max, 2)}</td>
            <td>{s.errors + s.timeouts}</td>
            <td>{s.non2xx}</td>
            <td>{f(s.bytesRead / 1e6, 2)}</td>
            <td>{s.container ? f(s.container.cpuPercentMean) : "–"}</td>
            <td>{s.container ? f(s.container.memoryMbMax) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Breakdown({ steps }: { steps: LoadStep[] }) {
  return (
    <section data-testid="load-breakdown">
      <h3>Where the time goes (mean ms per request)</h3>
      <table className="load-table">
        <thead>
          <tr>
            {["connections", "latency", "network + HTTP", "server overhead", "queue wait", "model", "batch size"].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {steps.map((s) =>
            s.server ? (
              <tr key={s.concurrency}>
                <td>{s.concurrency}</td>
                <td>{f(s.latency.mean, 3)}</td>
                <td>{f(s.server.networkMs, 3)}</td>
                <td>{f(s.server.serverOverheadMs, 3)}</td>
                <td>{f(s.server.queueMs, 3)}</td>
                <td>{f(s.server.modelMs, 3)}</td>
                <td>{f(s.server.batchSize)}</td>
              </tr>
            ) : (
              <tr key={s.concurrency}>
                <td>{s.concurrency}</td>
                <td colSpan={6}>no Server-Timing header (STAGEMAKER_SERVER_TIMING=off, or an older server template)</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

function History({ runs }: { runs: LoadReport[] }) {
  return (
    <section>
      <h3>Runs of this project</h3>
      <table className="load-table" data-testid="load-history">
        <thead>
          <tr>
            {["run", "build (image id)", "status", "best req/s", "p99 ms at most connections", "vs previous"].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const best = busiest(r.steps);
            const last = r.steps[r.steps.length - 1];
            return (
              <tr key={r.id}>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>{r.target.imageId?.replace("sha256:", "").slice(0, 12) ?? "?"}</td>
                <td>{r.status}</td>
                <td>{best ? f(best.requestsPerSecond) : "–"}</td>
                <td>{last ? f(last.latency.p99, 2) : "–"}</td>
                <td>
                  {r.comparison
                    ? `${r.comparison.throughputChangePercent > 0 ? "+" : ""}${r.comparison.throughputChangePercent}% req/s`
                    : "–"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
