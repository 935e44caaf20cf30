// Bundles the CLI (app/cli/main.ts) with esbuild into dist-cli/, with the list of its inputs for bin/stagemaker.mjs's freshness check.
// Plain JavaScript on purpose: bin/stagemaker.mjs loads it to rebuild, before any TypeScript loader exists.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const outDir = join(root, "dist-cli");
export const entryFile = "stagemaker.mjs";
export const inputsFile = "inputs.json";
/** Besides the bundled sources: what changes the bundle without changing a source (deps, build settings). */
const buildInputs = [
  "package.json",
  "tsconfig.json",
  "scripts/cli-bundle.mjs",
  "scripts/cli-core-loader.mjs",
  "node_modules/.package-lock.json",
];

/**
 * Our sources locate files next to themselves (`new URL("../../server-template", import.meta.url)`). In one bundle
 * import.meta.url would be the bundle's, so each source's import.meta is rewritten to its own original location,
 * relative to the bundle: the repo can still move as a whole.
 */
const sourceLocations = {
  name: "source-locations",
  setup(build) {
    build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, (args) => {
      if (args.path.split(sep).includes("node_modules")) return undefined;
      let text = readFileSync(args.path, "utf8");
      if (text.includes("import.meta")) {
        const own = `__smkSource(${JSON.stringify(relative(outDir, args.path).split(sep).join("/"))})`;
        text = text
          .replaceAll("import.meta.url", `${own}.href`)
          .replaceAll("import.meta.filename", `__smkPath(${own})`)
          .replaceAll("import.meta.dirname", `__smkPath(new URL(".", ${own}))`);
      }
      return { contents: text, loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
  },
};

/** Helpers every output file starts with: what CommonJS dependencies expect, and the source locations above. */
const banners = {
  esm: [
    'import { createRequire as __smkRequire } from "node:module";',
    'import { fileURLToPath as __smkToPath } from "node:url";',
    "const require = __smkRequire(import.meta.url);",
    "const __smkSource = (rel) => new URL(rel, import.meta.url);",
  ],
  cjs: [
    '"use strict";',
    'const { fileURLToPath: __smkToPath, pathToFileURL: __smkToUrl } = require("node:url");',
    "const __smkSource = (rel) => new URL(rel, __smkToUrl(__filename));",
  ],
};
const pathHelper = "const __smkPath = (url) => __smkToPath(url).replace(/[\\\\/]$/, '');";

/** app/cli/open-cli.ts gets scripts/cli-core-loader.mjs where it imports ./cli-context: the core is a separate bundle. */
const coreThroughLoader = {
  name: "core-through-loader",
  setup(build) {
    build.onResolve({ filter: /^\.\/cli-context$/ }, (args) =>
      args.importer.endsWith(join("app", "cli", "open-cli.ts")) ? { path: join(root, "scripts", "cli-core-loader.mjs") } : undefined,
    );
  },
};

/**
 * dockerode loads gRPC + protobuf (for BuildKit sessions) and docker-modem loads ssh2 (for ssh:// engines) on
 * require, ~30 ms of every command that touches the engine though most never use them. These two requires get a
 * stand-in that loads the real module on first use (call or property), so only builds with a session or an ssh://
 * engine pay for them.
 */
const LAZY = [
  { specifier: "./session", importer: /dockerode[\\/]lib[\\/]docker\.js$/ },
  { specifier: "./ssh", importer: /docker-modem[\\/]lib[\\/]modem\.js$/ },
];
const lazyDependencies = {
  name: "lazy-dependencies",
  setup(build) {
    build.onResolve({ filter: /^\.\/(session|ssh)$/ }, (args) => {
      if (!LAZY.some((l) => l.specifier === args.path && l.importer.test(args.importer))) return undefined;
      return { path: join(dirname(args.importer), `${args.path}.js`), namespace: "lazy" };
    });
    build.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      resolveDir: dirname(args.path),
      contents: [
        "let real;",
        `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        "module.exports = new Proxy(function () {}, {",
        "  apply: (_target, self, params) => load().apply(self, params),",
        "  get: (_target, key) => load()[key],",
        "});",
      ].join("\n"),
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  // Native addons (ssh2's optional crypto, cpu-features) stay where npm put them.
  external: ["*.node", "cpu-features"],
  plugins: [sourceLocations, lazyDependencies],
  metafile: true,
  logLevel: "silent",
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
};

/**
 * Builds dist-cli/: stagemaker.mjs (commander and the command table: all that --help needs) and cli-context.cjs (the
 * core, dockerode, zod), loaded by the first command that needs it. Atomic: a CLI started meanwhile sees the old
 * folder or the new one, never half of one.
 */
export async function buildCli() {
  const { build } = await import("esbuild");
  const builtAt = Date.now();
  const staging = `${outDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const [cli, core] = await Promise.all([
    build({
      ...common,
      entryPoints: ["app/cli/main.ts"],
      outfile: join(staging, entryFile),
      format: "esm",
      banner: { js: [...banners.esm, pathHelper].join("\n") },
      plugins: [coreThroughLoader, sourceLocations, lazyDependencies],
    }),
    build({
      ...common,
      entryPoints: ["app/cli/cli-context.ts"],
      outfile: join(staging, "cli-context.cjs"),
      format: "cjs",
      banner: { js: [...banners.cjs, pathHelper].join("\n") },
    }),
  ]);
  const inputs = [...new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(core.metafile.inputs)])].filter(
    (p) => !p.split("/").includes("node_modules"),
  );
  for (const extra of buildInputs) if (exists(join(root, extra))) inputs.push(extra);
  writeFileSync(join(staging, inputsFile), JSON.stringify({ builtAt, inputs }));
  // Replace the folder in one rename; another process may have won the race, which is just as good.
  const old = `${outDir}.${process.pid}.old`;
  try {
    if (exists(outDir)) renameSync(outDir, old);
    renameSync(staging, outDir);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return { builtAt, inputs: inputs.length };
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const { inputs } = await buildCli();
  console.log(
    `CLI bundled into ${relative(process.cwd(), join(outDir, entryFile))} from ${inputs} inputs in ${Math.round(performance.now() - t0)} ms (${pathToFileURL(outDir).href})`,
  );
}
