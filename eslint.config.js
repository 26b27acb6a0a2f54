// Lint rules for the whole workspace: the recommended JavaScript and TypeScript sets,
// plus a ban on floating-point money helpers that would lose fen.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    },
  },
);
