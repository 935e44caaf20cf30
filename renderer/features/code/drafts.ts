import { PROJECT_STATE_DIR } from "../../../app/contract";

/** An unsaved edit: what the person typed and the saved text it started from. */
export interface Draft {
  content: string;
  base: string;
  at: number;
}
export type Drafts = Record<string, Draft>;

/** Kept in the project too (the browser host's origin changes with its port, localStorage with it). */
export const DRAFTS_FILE = `${PROJECT_STATE_DIR}/drafts.json`;

const storageKey = (project: string) => `stagemaker:drafts:${project}`;

export function parseDrafts(text: string | null | undefined): Drafts {
  if (!text) return {};
  try {
    const raw: unknown = JSON.parse(text);
    if (!raw || typeof raw !== "object") return {};
    const out: Drafts = {};
    for (const [path, d] of Object.entries(raw as Record<string, unknown>)) {
      const v = d as Partial<Draft> | null;
      if (v && typeof v.content === "string" && typeof v.base === "string" && typeof v.at === "number") {
        out[path] = { content: v.content, base: v.base, at: v.at };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export function readLocalDrafts(storage: Storage, project: string): Drafts {
  return parseDrafts(storage.getItem(storageKey(project)));
}

export function writeLocalDrafts(storage: Storage, project: string, drafts: Drafts): void {
  if (Object.keys(drafts).length === 0) storage.removeItem(storageKey(project));
  else storage.setItem(storageKey(project), JSON.stringify(drafts));
}

/** Newest edit of each file wins, whichever copy it came from. */
export function mergeDrafts(a: Drafts, b: Drafts): Drafts {
  const out: Drafts = { ...a };
  for (const [path, d] of Object.entries(b)) {
    const mine = out[path];
    if (!mine || d.at > mine.at) out[path] = d;
  }
  return out;
}

/** The draft after an edit: none when the text is back to what is saved. */
export function applyEdit(drafts: Drafts, path: string, content: string, base: string, now: number): Drafts {
  const next = { ...drafts };
  if (content === base) delete next[path];
  else next[path] = { content, base, at: now };
  return next;
}
