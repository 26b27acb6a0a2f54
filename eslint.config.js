// Lint rules for the whole workspace: the recommended JavaScript and TypeScript sets, a ban on
// floating-point money helpers that would lose fen, no source file over 800 lines, and the server's
// import boundaries (domains meet through index.ts; the platform imports no domain).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import xiangcai from "./packages/server/eslint/domainBoundaries.js";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "data/**", ".tmp/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly", process: "readonly", URL: "readonly", setTimeout: "readonly",
        clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly",
        Buffer: "readonly", window: "readonly", document: "readonly", fetch: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error",
        { object: "Number", property: "parseFloat", message: "金额不得使用浮点数：用 parseYuan。" }],
      "no-restricted-globals": ["error",
        { name: "parseFloat", message: "金额不得使用浮点数：用 parseYuan。" }],
      // A file past 800 lines holds more than one thing: split it by what it does.
      "max-lines": ["error", { max: 800, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ["packages/server/**/*.ts"],
    plugins: { xiangcai },
    rules: { "xiangcai/domain-boundaries": "error" },
  },
);
