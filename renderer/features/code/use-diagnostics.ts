// Python problems of a project's model/ files: checked on save (all of model/) and while typing (the draft).
import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { DiagnosticsResult, Problem } from "../../../app/contract";
import { useApi } from "../../api/api-context";

/** A pause this long after the last keystroke checks the draft (syntax and lint; types on save). */
export const TYPING_PAUSE_MS = 700;

/** The project's Python: model/, and a handler project's script in artifacts/code/ (SageMaker script mode). */
export const CHECKED_ROOTS = ["model", "artifacts/code"];
export const isCheckedPath = (path: string) => CHECKED_ROOTS.some((root) => path.startsWith(`${root}/`)) && path.endsWith(".py");

export function useDiagnostics(project: string) {
  const api = useApi();
  const [saved, setSaved] = useState<DiagnosticsResult | null>(null);
  const [draft, setDraft] = useState<{ path: string; result: DiagnosticsResult } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const check = useMutation({ mutationFn: () => api.call("diagnostics.check", { project, paths: CHECKED_ROOTS }) });
  const draftCheck = useMutation({
    mutationFn: (d: { path: string; content: string }) => api.call("diagnostics.check", { project, paths: CHECKED_ROOTS, draft: d }),
  });

  /** After a save: the whole of model/, with types. Resolves with the result (null when the check could not run). */
  const runCheck = check.mutateAsync;
  const runDraft = draftCheck.mutateAsync;
  const checkSaved = useCallback(async (): Promise<DiagnosticsResult | null> => {
    clearTimeout(timer.current);
    setDraft(null);
    try {
      const r = await runCheck();
      setSaved(r);
      return r;
    } catch {
      return null;
    }
  }, [runCheck]);

  // One check at a time: a draft check waits for the one in flight (the first starts the tools
  // container and takes seconds), so checks never pile up on the browser's few connections.
  const busy = useRef(false);
  busy.current = check.isPending || draftCheck.isPending;
  const checkWhileTyping = useCallback(
    (path: string, content: string) => {
      if (!isCheckedPath(path)) return;
      clearTimeout(timer.current);
      const attempt = () => {
        if (busy.current) {
          timer.current = setTimeout(attempt, TYPING_PAUSE_MS);
          return;
        }
        runDraft({ path, content }).then(
          (result) => setDraft({ path, result }),
          () => undefined,
        );
      };
      timer.current = setTimeout(attempt, TYPING_PAUSE_MS);
    },
    [runDraft],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  // The draft's problems replace the saved ones for its file until the next save.
  const problems: Problem[] = draft
    ? [...(saved?.problems ?? []).filter((p) => p.path !== draft.path), ...draft.result.problems]
    : (saved?.problems ?? []);
  return { problems, saved, checkSaved, checkWhileTyping, checking: check.isPending, error: check.error ?? draftCheck.error };
}
export type DiagnosticsApi = ReturnType<typeof useDiagnostics>;

/** "line 3: SyntaxError: invalid syntax" for the first error of a file that does not parse. */
export function firstSyntaxError(result: DiagnosticsResult): Problem | undefined {
  return result.problems.find((p) => p.source === "python" && p.severity === "error");
}
