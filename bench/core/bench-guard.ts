/**
 * What the serving guard costs each build, run, check or export (`tsx bench/core/bench-guard.ts`): the
 * median of BENCH_ROUNDS (9) calls of `model.refusal` (the same question the guard asks) on projects made
 * from the real template, against the reference of `code.list` on the same project (the cheapest call a
 * tab makes), in the same run, interleaved. Cases: empty artifacts/; a BENCH_MB (200) MB file the bytes do
 * not name as a model, under the template's example (its bytes are read: the worst case); the same
 * file beside a predictor the person wrote (nothing read); and a pickle under the example (refused).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servicesOptions } from "../../app/faces-common/services-options";
import { createServices } from "../../app/core/services";
import { OWN_PREDICTOR, ownClassPickle } from "../../app/core/model/testing/own-class-pickle";
import { fmtMs, median, timed } from "./measure";

const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const mb = Number(process.env.BENCH_MB ?? 200);
const root = mkdtempSync(join(tmpdir(), "smk-bench-guard-"));
const services = createServices(servicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const signal = new AbortController().signal;

async function project(name: string, setUp: (dir: string) => void): Promise<string> {
  const p = await services["projects.create"]({ name }, { signal });
  setUp(p.dir);
  return p.dir;
}
const big = Buffer.alloc(mb * 1024 ** 2, 7); // not a model format: read whole under the example predictor

try {
  const cases: [string, string][] = [
    ["empty artifacts/, example predictor", await project("empty", () => undefined)],
    [`${mb} MB data file, example predictor`, await project("data", (d) => writeFileSync(join(d, "artifacts", "data.bin"), big))],
    [
      `${mb} MB data file, own predictor`,
      await project("own", (d) => {
        writeFileSync(join(d, "artifacts", "data.bin"), big);
        writeFileSync(join(d, "model", "predictor.py"), OWN_PREDICTOR);
      }),
    ],
    [
      "a pickle, example predictor (refused)",
      await project("pickle", (d) => writeFileSync(join(d, "artifacts", "model.pkl"), ownClassPickle())),
    ],
  ];
  console.log(`rounds: ${rounds}; medians; ratio = model.refusal / code.list on the same project`);
  for (const [what, dir] of cases) {
    const guard: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < rounds; i++) {
      reference.push((await timed(() => services["code.list"]({ project: dir }, { signal }))).ms);
      guard.push((await timed(() => services["model.refusal"]({ project: dir }, { signal }))).ms);
    }
    const g = median(guard);
    const r = median(reference);
    console.log(`${what.padEnd(44)} refusal ${fmtMs(g).padStart(10)}   code.list ${fmtMs(r).padStart(10)}   ratio ${(g / r).toFixed(2)}`);
  }
} finally {
  await services.close();
  rmSync(root, { recursive: true, force: true });
}
