// The layering rules of design.md, checked on every import (type-only ones too) by `npm run layers` and `npm test`.
//
// Why dependency-cruiser rather than eslint's restricted paths or eslint-plugin-boundaries: it resolves each
// import through tsconfig to the real file (so `../../core/x`, `./x.ts`, `import type` and `await import()` are all
// judged by where they land, not by how the string is spelled), tells Node builtins from npm packages from our own
// files, and also finds import cycles, all from one readable table. Version 17: 18 needs Node 22, we support 20.19.
//
// Who may import app/core (the faces reach it only through the composition root):
//   - app/faces-common/ (the binding and services-options, the one place that fills ServicesOptions), and each
//     face's composition root: app/electron/main.ts, app/web/main.ts, app/cli/cli-context.ts.
//     They may import app/core/services.ts (createServices, the table of channel handlers) and nothing deeper.
//   - tests of the faces may also use app/core/testing/ (throwaway templates); the core knows no face, its tests
//     and test helpers included: a core test builds its options with app/core/testing/test-services-options.ts,
//     never with the faces' app/faces-common/; every test may use scripts/test-env/;
//   - e2e/, scripts/, bench/ and zoo/ are tooling and may import what they measure or drive.
// Every other face file talks to the core through the binding's channels.
//
// Between capabilities: renderer features import no other feature (below); app/core's capability folders import
// each other without a cycle (.dependency-cruiser-capabilities.cjs, a second cruise: see there why).

/** Each face's composition root: the files that call createServices. */
const COMPOSITION_ROOTS = "^app/(electron/main|web/main|cli/cli-context)[.]ts$";
const TESTS = "[.]test[.]tsx?$";
const ELECTRON = "(^|/)node_modules/electron/|^electron$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "contract-imports-nothing-of-ours",
      comment: "app/contract is the wire shared by every face and the renderer: it may import zod and itself, nothing of ours.",
      severity: "error",
      from: { path: "^app/contract/" },
      to: { dependencyTypes: ["local"], pathNot: "^app/contract/" },
    },
    {
      name: "contract-runs-in-the-browser",
      comment: "The renderer imports the contract, so the contract uses no Node builtins and no Electron.",
      severity: "error",
      from: { path: "^app/contract/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-imports-only-the-contract",
      comment: "app/core is plain Node: it may import itself, the contract, Node and npm packages, nothing else of ours.",
      severity: "error",
      from: { path: "^app/core/", pathNot: [TESTS, "^app/core/testing/"] },
      to: { dependencyTypes: ["local"], pathNot: "^app/(core|contract)/" },
    },
    {
      name: "core-tests-know-no-face",
      comment:
        "Core tests use the core, the contract and the test tooling (scripts/test-env), never a face, not even the faces' composition root (app/faces-common): app/core/testing/test-services-options.ts builds their options.",
      severity: "error",
      from: { path: `^app/core/.*${TESTS}` },
      to: { dependencyTypes: ["local"], pathNot: "^(app/(core|contract)|scripts/test-env)/" },
    },
    {
      name: "core-testing-knows-no-face",
      comment:
        "The core's test helpers (app/core/testing) are core: they may use the test tooling (scripts/test-env) but no face, not even the faces' composition root; a test passes them the options it built.",
      severity: "error",
      from: { path: "^app/core/testing/", pathNot: TESTS },
      to: { dependencyTypes: ["local"], pathNot: "^(app/(core|contract)|scripts/test-env)/" },
    },
    {
      name: "core-without-electron",
      comment: "app/core runs in the CLI and the browser host too: no electron import.",
      severity: "error",
      from: { path: "^app/core/" },
      to: { path: ELECTRON },
    },
    {
      name: "faces-reach-core-through-composition-root",
      comment: "Face files talk to the core through the binding's channels; only the composition roots (see the header) import app/core.",
      severity: "error",
      from: { path: "^app/(electron|web|cli|faces-common)/", pathNot: [COMPOSITION_ROOTS, "^app/faces-common/", TESTS] },
      to: { path: "^app/core/" },
    },
    {
      name: "composition-roots-use-the-services-table",
      comment: "A composition root builds the core with createServices (app/core/services.ts) and reaches nothing deeper.",
      severity: "error",
      from: { path: [COMPOSITION_ROOTS, "^app/faces-common/"], pathNot: TESTS },
      to: { path: "^app/core/", pathNot: "^app/core/services[.]ts$" },
    },
    {
      name: "face-tests-use-core-testing-only",
      comment: "Face tests may build real services and throwaway templates, nothing else of the core.",
      severity: "error",
      from: { path: `^app/(electron|web|cli|faces-common)/.*${TESTS}` },
      to: { path: "^app/core/", pathNot: "^app/core/(services[.]ts$|testing/)" },
    },
    {
      name: "renderer-imports-only-the-contract",
      comment: "The renderer runs in a sandboxed page: of ours it may import renderer/ and app/contract/ only (no core, no face).",
      severity: "error",
      from: { path: "^renderer/", pathNot: TESTS },
      to: { dependencyTypes: ["local"], pathNot: "^(renderer|app/contract)/" },
    },
    {
      name: "renderer-tests-without-core",
      comment:
        "Renderer tests may start the real browser host (app/web, app/faces-common) to test a transport and use the test tooling (scripts/test-env), never reach into the core or Electron.",
      severity: "error",
      from: { path: `^renderer/.*${TESTS}` },
      to: { dependencyTypes: ["local"], pathNot: "^(renderer|app/(contract|web|faces-common)|scripts/test-env)/" },
    },
    {
      name: "renderer-without-node",
      comment: "The renderer runs in a sandboxed page: no Node builtins (node:fs, path, …).",
      severity: "error",
      from: { path: "^renderer/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "renderer-without-electron",
      comment: "The renderer reaches Electron only through the preload bridge, never by import.",
      severity: "error",
      from: { path: "^renderer/" },
      to: { path: ELECTRON },
    },
    {
      name: "renderer-features-import-no-other-feature",
      comment:
        "A feature (one tab or screen) imports its own folder, renderer/shared/ (pieces several tabs use, their react-query hooks in shared/queries/), renderer/api/ and the contract; never another feature. The workspace screen composes the tabs and may import them; tests may use renderer/testing/.",
      severity: "error",
      from: { path: "^renderer/features/([^/]+)/", pathNot: ["^renderer/features/workspace/", TESTS] },
      to: { path: "^renderer/", pathNot: "^renderer/(features/$1|shared|api)/" },
    },
    {
      name: "no-import-cycles",
      comment: "Import cycles make load order matter and layers blur.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "imports-resolve",
      comment: "An import that does not resolve cannot be checked (and will fail at run time).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^(virtual:|electron$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|dist-[a-z]+|release|test-results|server-template)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
