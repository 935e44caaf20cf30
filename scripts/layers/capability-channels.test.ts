/**
 * The channel check of capability-table.test.ts on drifted inputs: the real README and contract with one change each
 * (a channel named by an old word, a row that forgets a channel, a channel listed under another capability), and a
 * small table of its own. Each drift is reported, by name; the untouched pair reports nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { channels } from "../../app/contract/channels";
import { capabilityRows, CAPABILITY_HEADING, channelDrift } from "./capability-table";
import { repoRoot } from "./fixture-tree";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const names = Object.keys(channels);

/** The README with `from` replaced by `to` once, in the capability table only (fails loudly if `from` is not there). */
function readmeWith(from: string, to: string): string {
  const at = readme.indexOf(from, readme.indexOf(CAPABILITY_HEADING));
  expect(at, `${from} is in the capability table`).toBeGreaterThan(0);
  return readme.slice(0, at) + to + readme.slice(at + from.length);
}

describe("the channel check fails when the contract and the README's table drift apart", () => {
  it("passes the untouched README and contract", () => {
    expect(channelDrift(names, capabilityRows(readme))).toEqual([]);
  });

  it("reports a channel still named by an old word, and the table's channel it replaced", () => {
    const drifted = names.map((n) => (n === "build.run" ? "images.build" : n));
    expect(channelDrift(drifted, capabilityRows(readme))).toEqual([
      'images.build: its prefix "images" is not a capability of the README table',
      "build.run: listed in the build row but not a channel of the contract",
    ]);
  });

  it("reports a channel its capability's row forgets", () => {
    const rows = capabilityRows(readmeWith(", `run.logs` |", " |"));
    expect(channelDrift(names, rows)).toEqual(["run.logs: the run row's channels do not list it"]);
  });

  it("reports a channel listed under another capability's row", () => {
    const moved = readmeWith("`invoke.send`, `invoke.history`", "`invoke.history`").replace(
      "`examples.list`,",
      "`examples.list`, `invoke.send`,",
    );
    expect(channelDrift(names, capabilityRows(moved))).toEqual([
      "invoke.send: the invoke row's channels do not list it",
      "invoke.send: listed in the examples row, but its prefix names another capability",
    ]);
  });

  it("reads a table it was not written against", () => {
    const table = [
      CAPABILITY_HEADING,
      "",
      "| capability | tab | renderer/features/ | app/core/ | app/contract/ | channels | CLI |",
      "|---|---|---|---|---|---|---|",
      "| train | Train | `train/` | `train/` | `train.ts` | `train.fit`, `train.stop` | `stagemaker train` |",
      "| notes | — | — | — | — | — | — |",
      "",
    ].join("\n");
    const rows = capabilityRows(table);
    expect(rows.map((r) => [r.name, r.channels, r.commands])).toEqual([
      ["train", ["train.fit", "train.stop"], ["train"]],
      ["notes", [], []],
    ]);
    expect(channelDrift(["train.fit", "train.stop"], rows)).toEqual([]);
    expect(channelDrift(["train.fit", "training.stop", "notes.add"], rows)).toEqual([
      'training.stop: its prefix "training" is not a capability of the README table',
      "notes.add: the notes row's channels do not list it",
      "train.stop: listed in the train row but not a channel of the contract",
    ]);
  });
});
