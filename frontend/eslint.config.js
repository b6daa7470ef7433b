// ESLint for the web app: `npm run lint` (no warning allowed), a static check beside
// `npm run typecheck`.
//
// The rule set, and why:
// - @eslint/js recommended: the language's own mistakes (unreachable code, duplicate keys, ...).
// - typescript-eslint recommendedTypeChecked, with the types of both tsconfig projects: the
//   mistakes that only types show. Above all no-floating-promises and no-misused-promises: a
//   promise nobody awaits or catches is a failure nobody sees (a vote that was not sent, a note
//   that was not saved), and an async function handed to something that ignores its result
//   (an event handler, a timer) is the same. Type-aware linting costs one TypeScript program per
//   project, about what `tsc --noEmit` costs; the whole run takes about a minute on 2 cores (a
//   third of it the React Compiler's analysis below), so no --cache: a cached file would miss a
//   finding that a change to another file's types brings. The stricter presets
//   (strictTypeChecked, stylistic) are left out: they are mostly about taste.
// - no-unused-vars from typescript-eslint, with a leading `_` as the way to say "unused on
//   purpose" (arguments a signature requires, destructured values left out).
// - eslint-plugin-react-hooks recommended: the Rules of Hooks, exhaustive effect dependencies
//   (an error here, not a warning; useAsync's too), and the React Compiler's checks (no state
//   set synchronously in an effect, no ref read during render, no impure call in render, ...).
// - eqeqeq (null comparisons excepted): == coerces, and the code never means that.
// - Plain JavaScript (this file, scripts/) is linted without types: no tsconfig covers it.
// - An eslint-disable comment that no longer disables anything is an error: none goes stale.
// The generated API types (src/api/schema.d.ts, `npm run gen:api`) and build output are ignored.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["dist/", "dev-dist/", "node_modules/", "src/api/schema.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.json", "./tsconfig.node.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // useAsync(load, deps) takes its dependencies as useEffect does: checked the same way.
      "react-hooks/exhaustive-deps": ["error", { additionalHooks: "^useAsync$" }],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
]);
