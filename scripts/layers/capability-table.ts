/**
 * The README's capability table, read the way scripts/layers/capability-table.test.ts checks it against the tree
 * and the contract; the channel check is a function of its inputs so a fixture can show it failing.
 */

export const CAPABILITY_HEADING = "## Capabilities: one name from tab to container";

/** The rows of the first Markdown table after `heading`, as trimmed cells (header and rule rows dropped). */
export function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.slice(markdown.indexOf(heading)).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const NONE = /^—/;
/** `build/` → "build"; `build.ts` → "build"; "—" → null. */
const named = (cell: string, suffix: string) => (NONE.test(cell) ? null : cell.replace(/`/g, "").replace(suffix, ""));

export interface CapabilityRow {
  name: string;
  tab: string | null;
  renderer: string | null;
  core: string | null;
  contract: string | null;
  /** Channel names as the table spells them (`build.run`). */
  channels: string[];
  /** CLI commands (`stagemaker build` → "build"). */
  commands: string[];
}

export function capabilityRows(readme: string): CapabilityRow[] {
  return tableAfter(readme, CAPABILITY_HEADING).map(([name, tab, renderer, core, contract, channels, cli]) => ({
    name: name!,
    tab: NONE.test(tab!) ? null : tab!,
    renderer: named(renderer!, "/"),
    core: named(core!, "/"),
    contract: named(contract!, ".ts"),
    channels: [...channels!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    commands: [...cli!.matchAll(/`stagemaker ([a-z-]+)/g)].map((m) => m[1]!),
  }));
}

/** The shared folders listed under the capability table. */
export function sharedFolders(readme: string): string[] {
  return tableAfter(readme.slice(readme.indexOf(CAPABILITY_HEADING)), "| shared folder").map(([folder]) =>
    folder!.replace(/`/g, "").replace(/\/$/, ""),
  );
}

/**
 * Where the contract's channel names and the table's channels column disagree, one sentence each: a channel whose
 * prefix is no capability of the table (an old word), a channel its capability's row does not list, a listed
 * channel the contract lacks, and a channel listed in a row that is not its prefix's.
 */
export function channelDrift(channelNames: readonly string[], rows: readonly CapabilityRow[]): string[] {
  const problems: string[] = [];
  const rowOf = new Map(rows.map((r) => [r.name, r]));
  const prefix = (channel: string) => channel.slice(0, channel.indexOf("."));
  for (const channel of channelNames) {
    const row = rowOf.get(prefix(channel));
    if (!row) problems.push(`${channel}: its prefix "${prefix(channel)}" is not a capability of the README table`);
    else if (!row.channels.includes(channel)) problems.push(`${channel}: the ${row.name} row's channels do not list it`);
  }
  const known = new Set(channelNames);
  for (const row of rows)
    for (const listed of row.channels) {
      if (!known.has(listed)) problems.push(`${listed}: listed in the ${row.name} row but not a channel of the contract`);
      if (prefix(listed) !== row.name) problems.push(`${listed}: listed in the ${row.name} row, but its prefix names another capability`);
    }
  return problems;
}
