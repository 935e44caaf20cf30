// The one-line reason and the "what to do" of a failed start or reload, from what the server or the container said.

/**
 * Known causes of a predictor that fails to load, recognised in the error and the log. The numpy
 * case is the one people meet most: a wheel built against numpy 1 (e.g. scikit-learn 1.2) under numpy 2.
 */
const dependencyHints: { when: RegExp; hint: string }[] = [
  {
    when: /numpy\.dtype size changed|compiled using NumPy 1\.x cannot be run in\s+NumPy 2|_ARRAY_API not found|numpy\.core\.multiarray failed to import/i,
    hint: "A package was built for numpy 1 but numpy 2 is installed: add `numpy<2` to requirements.txt and build again.",
  },
  {
    when: /No module named '([\w.]+)'/,
    hint: "A module is missing from the image: add its package to requirements.txt (or fix the import) and build again.",
  },
  {
    when: /InconsistentVersionWarning|Trying to unpickle estimator .* from version ([\d.]+)/i,
    hint: "The model was saved with another scikit-learn version: pin that version in requirements.txt and build again.",
  },
  {
    when: /\b(SyntaxError|IndentationError|TabError)\b/,
    hint: "Fix the syntax error in model/ and save: dev mode reloads on every save (or press Reload code).",
  },
];

const GENERIC_LOAD_HINT = "Fix the error in model/ and save (dev mode reloads), or press Reload code; the log above has the traceback.";

/** "the predictor failed to load: ValueError: …" → "The predictor failed to load: ValueError: …", one line. */
export function loadFailureReason(message: string): string {
  const line = message.split("\n")[0]!.trim();
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** The last line that looks like a Python exception ("KeyError: 'x'"), the most telling line of a traceback. */
export function lastExceptionLine(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (/^([A-Za-z_][\w.]*)(Error|Exception|Exit|Interrupt)\b(:|$)/.test(line)) return line;
  }
  return undefined;
}

export function exitedReason(exitCode: number, oomKilled = false, lastLogs: string[] = []): string {
  if (oomKilled) return `The container was killed: out of memory (exit code ${exitCode}).`;
  const cause = lastExceptionLine(lastLogs);
  return cause
    ? `The container exited with code ${exitCode}: ${cause}`
    : `The container exited with code ${exitCode} before /ping answered 200.`;
}

/** What to do about a failure, from its reason and the container's last lines. */
export function failureHint(reason: string, lastLogs: string[] = [], { loadFailed = false } = {}): string | undefined {
  // The reason first; then only the latest traceback, as the log may still hold an earlier failure.
  const latest = lastLogs.slice(
    Math.max(
      0,
      lastLogs.findLastIndex((l) => l.startsWith("Traceback")),
    ),
  );
  const known =
    dependencyHints.find(({ when }) => when.test(reason))?.hint ?? dependencyHints.find(({ when }) => when.test(latest.join("\n")))?.hint;
  if (known) return known;
  if (loadFailed) return GENERIC_LOAD_HINT;
  if (/^The container exited/.test(reason))
    return "The last log lines say why the server stopped; fix that, then Restart (or Reload code after a change outside model/).";
  if (/did not answer 200 within/.test(reason))
    return "If the model needs longer to load, raise the health limit (run.healthTimeoutSeconds in stagemaker.json); the log shows how far it got.";
  return undefined;
}
