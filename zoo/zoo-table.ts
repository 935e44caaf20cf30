// The zoo check's table (Markdown, so a closing note can paste it) and its summary line.
import type { ModelResult } from "./check-model";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function zooTable(results: ModelResult[]): string {
  const lines = ["| model | framework | version | format | verdict | seconds | why |", "|---|---|---|---|---|---:|---|"];
  for (const r of results)
    lines.push(`| ${r.name} | ${r.framework} | ${r.version} | ${cell(r.format)} | ${r.verdict} | ${r.seconds} | ${cell(r.reason)} |`);
  return lines.join("\n");
}

export interface ZooSummary {
  right: number;
  refused: number;
  wrong: number;
  /** Entries the trainer could not make: the zoo is incomplete, so the check fails too. */
  untrained: number;
}

export function summarize(results: ModelResult[], untrained: number): ZooSummary {
  const count = (v: ModelResult["verdict"]) => results.filter((r) => r.verdict === v).length;
  return { right: count("right"), refused: count("refused"), wrong: count("wrong"), untrained };
}

export function summaryLine(s: ZooSummary, seconds: number): string {
  const total = s.right + s.refused + s.wrong;
  return `${total} models: ${s.right} right, ${s.refused} refused, ${s.wrong} wrong${s.untrained ? `, ${s.untrained} not trained` : ""} (${seconds} s)`;
}
