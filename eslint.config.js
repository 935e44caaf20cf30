// ESLint for the TypeScript tree (`npm run lint`, a phase of `npm test`): rules that catch real bugs, with type information.
// Layering (who may import whom) is dependency-cruiser's job: see .dependency-cruiser.cjs.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** The core receives paths and options as arguments; only the composition root reads the environment. */
const coreEnvironmentMessage =
  "app/core reads no environment variables: take the value as an argument and let the composition root (app/faces-common) read the environment.";
const coreEnvironmentRules = [
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: coreEnvironmentMessage },
  { selector: "MemberExpression[object.name='process'][property.value='env']", message: coreEnvironmentMessage },
  { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']", message: coreEnvironmentMessage },
  {
    selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
    message: coreEnvironmentMessage,
  },
];

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "dist-*/",
      "release/",
      "test-results/",
      "playwright-report/",
      "server-template/",
      "resources/",
      "**/*.js",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Promises: an unawaited or misplaced promise loses its error or its ordering.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true, allowThrowingUnknown: true }],
      // Unions of states and channels: a missed case is a silent bug.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-base-to-string": "error",
      "@typescript-eslint/restrict-plus-operands": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      eqeqeq: ["error", "smart"],
      // `let [value, source] = pick(…)` where only one is reassigned stays one declaration.
      "prefer-const": ["error", { destructuring: "all" }],
      // Flags harmless initial values (`let last = "not asked yet"` overwritten before use); strict TS already catches reads before assignment.
      "no-useless-assignment": "off",
    },
  },
  {
    // The two rules of hooks. The plugin's React Compiler rules (refs, set-state-in-effect, purity…) are left out:
    // the app does not use the compiler, and they flag the latest-ref and reset-from-props idioms it uses on purpose.
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // Playwright fixtures must destructure their (empty) fixture argument.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    // Plain-JavaScript launchers (bin/, scripts/*.mjs): they run before any TypeScript loader exists.
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["app/core/**/*.ts"],
    ignores: ["app/core/**/*.test.ts", "app/core/testing/**", "app/core/**/testing/**"],
    rules: { "no-restricted-syntax": ["error", ...coreEnvironmentRules] },
  },
);
