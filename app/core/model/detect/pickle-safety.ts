// Which globals a pickle may not name: loading them would run commands, code or I/O.
import { StagemakerError } from "../../../contract";

/** Whole modules whose callables run programs, code or network/file I/O. */
const MODULES = new Set([
  "os",
  "posix",
  "nt",
  "subprocess",
  "pty",
  "socket",
  "shutil",
  "sys",
  "importlib",
  "runpy",
  "webbrowser",
  "ctypes",
  "marshal",
  "code",
  "codeop",
  "pdb",
  "commands",
  "multiprocessing",
  "asyncio",
  "signal",
  "urllib",
  "http",
  "ftplib",
  "telnetlib",
  "smtplib",
  "requests",
  "pickle",
  "_pickle",
  "dill",
  "types",
  "platform",
  "tempfile",
  "pathlib",
  "io",
  "_io",
]);
/** Names that are harmless in most modules but not in builtins / operator. */
const NAMES = new Map([
  [
    "builtins",
    new Set([
      "eval",
      "exec",
      "execfile",
      "compile",
      "open",
      "__import__",
      "input",
      "breakpoint",
      "getattr",
      "setattr",
      "delattr",
      "globals",
      "locals",
      "vars",
      "exit",
      "quit",
    ]),
  ],
  ["operator", new Set(["attrgetter", "methodcaller", "getitem"])],
  ["functools", new Set(["reduce"])],
]);

/** The dangerous "module.name" entries of `globals`, if any. */
export function dangerousGlobals(globals: string[]): string[] {
  return globals.filter((g) => {
    const dot = g.lastIndexOf(".");
    const module = (dot < 0 ? g : g.slice(0, dot)).replace(/^__builtin__$/, "builtins");
    const name = g.slice(dot + 1);
    return MODULES.has(module.split(".")[0]!) || NAMES.get(module)?.has(name) === true;
  });
}

export function refuseDangerous(file: string, globals: string[]): void {
  const bad = dangerousGlobals(globals);
  if (bad.length === 0) return;
  throw new StagemakerError(
    "invalid-input",
    `${file} is a pickle that would call ${bad.join(", ")} when loaded: that runs commands or code on whatever machine opens it, ` +
      `so Stagemaker refuses it and never loads it. If you did not write this file, delete it; if you did, save the model with ` +
      `its framework's own format (joblib.dump of the estimator, save_model, ONNX) without custom code.`,
    { dangerous: bad },
  );
}
