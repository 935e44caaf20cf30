// A target whose rate is known, to tell a generator that mis-counts from a machine that is busy: a Node server
// (its own process) answering every request after a fixed delay, so c connections can get at most c / delay
// requests a second, whatever the server's CPU. Our step (run-step.ts, what `stagemaker load` runs) and wrk load
// it in turn; both should land just under that bound, and near each other.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { runStep } from "../../app/core/load/run-step";
import { type Generators, wrkRate } from "./generators";
import { interleave, type Results } from "./interleave";

const SERVER = `
const http = require("node:http");
const delay = Number(process.argv[1]);
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"predictions":[1]}'), delay));
}).listen(0, "127.0.0.1", function () { console.log(this.address().port); });
`;

export async function calibrate(g: Generators, body: Buffer, script: string, rounds: number, delayMs: number): Promise<Results> {
  const server = spawn("node", ["-e", SERVER, String(delayMs)], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [chunk] = (await once(server.stdout, "data")) as [Buffer];
    const url = `http://127.0.0.1:${Number(chunk.toString().trim())}/invocations`;
    const ours = async () => {
      const cpu = process.cpuUsage();
      const step = await runStep(
        {
          url,
          body,
          headers: { "content-type": g.contentType },
          instancesPerRequest: 1,
          concurrency: g.connections,
          durationSeconds: g.seconds,
          maxRequests: 10_000_000,
          timeoutSeconds: 10,
        },
        new AbortController().signal,
        () => undefined,
      );
      const used = process.cpuUsage(cpu);
      const perRequest = (used.user + used.system) / step.ok; // µs, this process: autocannon and our counting
      return {
        rate: step.requestsPerSecond,
        notes: { "p50 ms": step.latency.p50.toFixed(1), "generator CPU µs/req": perRequest.toFixed(0) },
      };
    };
    const theirs = () => {
      const w = wrkRate(url, g, script, 1);
      return { rate: w.rate, notes: { "generator CPU µs/req": ((w.cpu / (w.rate * w.seconds)) * 1e6).toFixed(0) } };
    };
    const seconds = g.seconds;
    g.seconds = Math.min(3, seconds); // warm-up (JIT, connections), not counted
    await ours();
    theirs();
    g.seconds = seconds;
    return await interleave(rounds, [
      { name: "run-step (autocannon)", run: ours },
      { name: "wrk -t1", run: theirs },
    ]);
  } finally {
    server.kill();
  }
}
