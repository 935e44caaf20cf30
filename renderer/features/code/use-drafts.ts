import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";
import { applyEdit, DRAFTS_FILE, mergeDrafts, parseDrafts, readLocalDrafts, writeLocalDrafts, type Drafts } from "./drafts";

const PERSIST_DELAY_MS = 600;

/**
 * Unsaved edits of one project. Written to localStorage on every change (survives a reload or a
 * crash at once) and, debounced, to the project's .stagemaker/drafts.json (survives a new host port
 * and the other face). Closing the window with drafts asks first.
 */
export function useDrafts(project: string) {
  const api = useApi();
  const [drafts, setDrafts] = useState<Drafts>(() => readLocalDrafts(localStorage, project));
  const [ready, setReady] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(drafts);
  latest.current = drafts;

  // Ask for the drafts file only when the listing has it (a missing file is an error answer).
  const files = useQuery({ queryKey: keys.files(project), queryFn: () => api.call("code.list", { project }) });
  const hasFile = files.data ? files.data.some((f) => f.path === DRAFTS_FILE) : undefined;
  const loaded = useRef(false);
  useEffect(() => {
    if (files.isError) setReady(true);
    // Only the first answer counts: later listings see our own writes, which may lag a discard.
    if (hasFile === undefined || loaded.current) return;
    loaded.current = true;
    if (!hasFile) {
      setReady(true);
      return;
    }
    api.call("code.read", { project, path: DRAFTS_FILE }).then(
      (file) => {
        setDrafts((d) => mergeDrafts(d, parseDrafts(file.content)));
        setReady(true);
      },
      () => setReady(true), // unreadable: the local copy is all there is
    );
  }, [api, project, hasFile, files.isError]);

  const persist = useCallback(
    (next: Drafts) => {
      writeLocalDrafts(localStorage, project, next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void api.call("code.write", { project, path: DRAFTS_FILE, content: JSON.stringify(latest.current) }).catch(() => undefined);
      }, PERSIST_DELAY_MS);
    },
    [api, project],
  );

  const edit = useCallback(
    (path: string, content: string, base: string) => {
      setDrafts((d) => {
        const next = applyEdit(d, path, content, base, Date.now());
        if (next[path] !== d[path]) persist(next);
        return next;
      });
    },
    [persist],
  );

  const discard = useCallback(
    (path: string) => {
      setDrafts((d) => {
        if (!(path in d)) return d;
        const next = { ...d };
        delete next[path];
        persist(next);
        return next;
      });
    },
    [persist],
  );

  /**
   * `content` was just saved: the draft becomes what the editor holds now (`current`, else the
   * latest draft) against it, so none is left when that is what was saved, and keystrokes typed
   * while the save was on its way stay an unsaved draft.
   */
  const saved = useCallback(
    (path: string, content: string, current?: string) => {
      setDrafts((d) => {
        const next = applyEdit(d, path, current ?? d[path]?.content ?? content, content, Date.now());
        if (next[path] !== d[path]) persist(next);
        return next;
      });
    },
    [persist],
  );

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (Object.keys(latest.current).length === 0) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return { drafts, ready, edit, discard, saved };
}
export type DraftsApi = ReturnType<typeof useDrafts>;
