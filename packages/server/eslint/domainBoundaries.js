// The server's import boundaries, as an ESLint rule (registered in eslint.config.js as
// "xiangcai/domain-boundaries"; tested in src/architecture.test.ts).
//
//   src/platform/**                  the kernel: imports no domain and no composition root.
//   src/<domain>/**                  its own files, the platform, and other domains' index.ts only.
//   src/*.ts, src/demo/**, src/cli/**, test/**
//                                    composition roots: they wire the domains together and may
//                                    import any file (routes, demo seeding, flow definitions …).
//
// A domain's test files (*.test.ts, test*.ts) may also import the composition roots, the helpers in
// test/ (to start the app, seed the demo) and other domains' test helpers (test*.ts: fixtures shared
// by the tests of domains that work together), but reach other domains' code by their face.
// A domain's index.ts (its face) exports functions and types, never its routes, demo or CLI: those
// are the composition roots' to import.
import path from "node:path";

const SERVER = `${path.sep}packages${path.sep}server${path.sep}`;

/** Where a file sits: { kind: "platform" | "domain" | "root" | "testkit" | "outside", domain?, rest? }. */
export function placeOf(file) {
  const at = file.lastIndexOf(SERVER);
  if (at < 0) return { kind: "outside" };
  const parts = file.slice(at + SERVER.length).split(path.sep);
  if (parts[0] === "test") return { kind: "testkit" };
  if (parts[0] !== "src") return { kind: "outside" };
  if (parts.length === 2) return { kind: "root" };
  const [, folder, ...rest] = parts;
  if (folder === "platform") return { kind: "platform" };
  if (folder === "demo" || folder === "cli") return { kind: "root" };
  return { kind: "domain", domain: folder, rest: rest.join("/") };
}

/** Test code: *.test.ts, and a domain's test helpers (testFixtures.ts, testing.ts, testKit.ts). */
export function isTestFile(file) {
  const base = path.basename(file);
  return base.endsWith(".test.ts") || /^test[A-Za-z]*\.ts$/.test(base);
}

/** Why `importer` may not import `target` (absolute paths), or null when it may. */
export function boundaryViolation(importer, target) {
  const from = placeOf(importer);
  const to = placeOf(target);
  if (from.kind === "root" || from.kind === "testkit" || from.kind === "outside" || to.kind === "outside") return null;
  const test = isTestFile(importer);
  if (to.kind === "platform") return null;
  if (to.kind === "root" || to.kind === "testkit") {
    if (test) return null;
    return from.kind === "platform"
      ? "平台（src/platform）不得引用组合根（app.ts、schema.ts、demo、cli）：需要的东西由 app.ts 传入。"
      : `业务域 ${from.domain} 不得引用组合根（app.ts、schema.ts、demo、cli、test）：路由、演示数据和注册由组合根引用业务域，而不是反过来。`;
  }
  // to.kind === "domain"
  if (from.kind === "platform") {
    if (test && to.rest === "index.ts") return null;
    return `平台（src/platform）不得引用业务域 ${to.domain}：身份等钩子由 app.ts 传入。`;
  }
  if (from.domain === to.domain) return null;
  if (to.rest === "index.ts") return null;
  if (test && isTestFile(target)) return null;
  return `跨业务域只能经由对方的门面 ${to.domain}/index.ts 引用，不得引用其内部文件 ${to.domain}/${to.rest}。`;
}

const FACE_FORBIDDEN = /^\.\/(routes|demo[A-Za-z]*|cli)\.ts$/;

function check(context, node, source) {
  if (!source || typeof source.value !== "string") return;
  const spec = source.value;
  const importer = context.filename;
  if (spec.startsWith(".")) {
    const target = path.resolve(path.dirname(importer), spec);
    const message = boundaryViolation(importer, target);
    if (message) context.report({ node: source, message });
  }
  const place = placeOf(importer);
  if (place.kind === "domain" && place.rest === "index.ts" && node.type !== "ImportExpression" && FACE_FORBIDDEN.test(spec)) {
    context.report({ node: source, message: `业务域的门面 index.ts 只导出函数和类型；${spec} 由组合根（app.ts、demo/seed.ts、cli）直接引用。` });
  }
}

export const domainBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Domains reach each other only through index.ts; the platform imports no domain." },
    schema: [],
  },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node, node.source),
      ExportNamedDeclaration: (node) => check(context, node, node.source),
      ExportAllDeclaration: (node) => check(context, node, node.source),
      ImportExpression: (node) => check(context, node, node.source),
    };
  },
};

export default { rules: { "domain-boundaries": domainBoundaries } };
