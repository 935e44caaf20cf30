import { call, type HostAddress } from "./api-client";
import { percentile } from "./stats";

export interface OverheadFigures {
  direct: number[];
  viaHost: number[];
  /** A call the core answers without the engine or the container: the host hop alone, roughly. */
  hostOnly: number[];
}

const body = JSON.stringify({ instances: [{ field1: "asdf", field2: 1.2 }] });

/**
 * The same request, alternately sent straight to the container and through the UI path (HTTP to the
 * browser host → contract parsing → core → container → envelope back). Alternating keeps both
 * exposed to the same machine noise.
 */
export async function measureInvokeOverhead(
  host: HostAddress,
  project: string,
  hostPort: number,
  rounds: number,
): Promise<OverheadFigures> {
  const direct = async () => {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${hostPort}/invocations`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`direct invocation answered ${response.status}`);
    return performance.now() - t0;
  };
  const viaHost = async () => {
    const t0 = performance.now();
    const result = await call<{ status?: number }>(host, "invoke.send", {
      project,
      body,
      contentType: "application/json",
      accept: "application/json",
    });
    if (result.status !== 200) throw new Error(`invocation through the host answered ${result.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 30; i++) {
    await direct();
    await viaHost();
  }
  const hostOnly = async () => {
    const t0 = performance.now();
    await call(host, "projects.recent", {});
    return performance.now() - t0;
  };
  const figures: OverheadFigures = { direct: [], viaHost: [], hostOnly: [] };
  for (let i = 0; i < rounds; i++) {
    figures.direct.push(await direct());
    figures.viaHost.push(await viaHost());
    figures.hostOnly.push(await hostOnly());
  }
  return figures;
}

export function summarise(f: OverheadFigures) {
  const p = (v: number[], q: number) => percentile(v, q);
  const deltas = f.viaHost.map((v, i) => v - (f.direct[i] ?? 0));
  return {
    direct: { p50: p(f.direct, 50), p90: p(f.direct, 90), p99: p(f.direct, 99) },
    viaHost: { p50: p(f.viaHost, 50), p90: p(f.viaHost, 90), p99: p(f.viaHost, 99) },
    hostOnly: { p50: p(f.hostOnly, 50), p90: p(f.hostOnly, 90), p99: p(f.hostOnly, 99) },
    overheadP50: p(f.viaHost, 50) - p(f.direct, 50),
    pairedDeltaP50: p(deltas, 50),
  };
}
