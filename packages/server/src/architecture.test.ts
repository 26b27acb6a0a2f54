// The shape every domain copies, checked: no import circle anywhere in the server, domains meet only
// through each other's index.ts, the platform imports no domain (eslint/domainBoundaries.js, wired
// into eslint.config.js), a domain's face carries no routes or demo seeding, and docs/events.md is
// the table the topic declarations generate; flows and consumers are registered by the composition
// root (domains.ts), never when a module is imported, and idempotent commands go through one helper.
import { describe, expect, it } from "vitest";
import path from "node:path";
import { ESLint } from "eslint";
import { importCircles, importGraph, SERVER_ROOT } from "../test/importGraph.ts";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { boundaryViolation } from "../eslint/domainBoundaries.js";
import { consumers, topics } from "./domains.ts";
import { EVENTS_DOC, eventsDocWithTable } from "./eventsDoc.ts";

const REPO_ROOT = path.resolve(SERVER_ROOT, "../..");
const graph = importGraph();

describe("import graph", () => {
  it("has no circle", () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it("finds a circle when there is one (the checker can fail)", () => {
    const a = path.join(SERVER_ROOT, "src/a.ts");
    const b = path.join(SERVER_ROOT, "src/b.ts");
    const c = path.join(SERVER_ROOT, "src/c.ts");
    expect(importCircles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).toEqual([["src/a.ts", "src/b.ts", "src/c.ts"]]);
    expect(importCircles(new Map([[a, [a]]]))).toEqual([["src/a.ts"]]);
    expect(importCircles(new Map([[a, [b]], [b, [c]], [c, []]]))).toEqual([]);
  });

  it("keeps every import of the tree inside the boundaries", () => {
    const violations: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const why = boundaryViolation(from, to);
        if (why) violations.push(`${path.relative(SERVER_ROOT, from)} → ${path.relative(SERVER_ROOT, to)}: ${why}`);
      }
    }
    expect(violations).toEqual([]);
  });
});

describe("the domain-boundaries lint rule (through ESLint and the repository's config)", () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  async function problems(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(SERVER_ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === "xiangcai/domain-boundaries").map((m) => m.message);
  }

  it("fails a planted import of another domain's internal file", async () => {
    const found = await problems("src/treasury/planted.ts", `import { budgetIndicator } from "../budget/tables.ts";\nexport const x = budgetIndicator;\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("budget/index.ts");
    // A re-export and a dynamic import are imports too.
    expect(await problems("src/treasury/planted.ts", `export { roles } from "../identity/roles.ts";\n`)).toHaveLength(1);
    expect(await problems("src/treasury/planted.ts", `export const load = () => import("../ledger/consumer.ts");\n`)).toHaveLength(1);
  });

  it("passes the face, the platform and the domain's own files", async () => {
    const code = `import { budgetIndicator } from "../budget/index.ts";\nimport { sql } from "../platform/db.ts";\nimport { paymentRequest } from "./tables.ts";\nexport const x = [budgetIndicator, sql, paymentRequest];\n`;
    expect(await problems("src/treasury/planted.ts", code)).toEqual([]);
  });

  it("fails the platform importing a domain, even its face", async () => {
    expect(await problems("src/platform/planted.ts", `import { makeActor } from "../identity/index.ts";\nexport const x = makeActor;\n`)).toHaveLength(1);
    expect(await problems("src/platform/planted.ts", `import { schema } from "../schema.ts";\nexport const x = schema;\n`)).toHaveLength(1);
  });

  it("fails a domain importing a composition root, and passes a composition root importing anything", async () => {
    expect(await problems("src/budget/planted.ts", `import { DEMO_PASSWORD } from "../demo/seed.ts";\nexport const x = DEMO_PASSWORD;\n`)).toHaveLength(1);
    expect(await problems("src/demo/planted.ts", `import { seedBudgetDemo } from "../budget/demo.ts";\nexport const x = seedBudgetDemo;\n`)).toEqual([]);
    expect(await problems("src/planted.ts", `import { budgetRoutes } from "./budget/routes.ts";\nexport const x = budgetRoutes;\n`)).toEqual([]);
  });

  it("lets a test start the app and use another domain's test helpers, not its internals", async () => {
    const ok = `import { startTestApp } from "../../test/http.ts";\nimport { DEMO_PASSWORD } from "../demo/seed.ts";\nimport { QINGHE } from "../budget/testFixtures.ts";\nexport const x = [startTestApp, DEMO_PASSWORD, QINGHE];\n`;
    expect(await problems("src/treasury/planted.test.ts", ok)).toEqual([]);
    expect(await problems("src/treasury/planted.test.ts", `import { closeYear } from "../budget/yearEnd.ts";\nexport const x = closeYear;\n`)).toHaveLength(1);
  });

  it("fails a face that exports its routes or demo seeding", async () => {
    expect(await problems("src/budget/index.ts", `export { budgetRoutes } from "./routes.ts";\n`)).toHaveLength(1);
    expect(await problems("src/budget/index.ts", `export { seedBudgetDemo } from "./demo.ts";\n`)).toHaveLength(1);
    expect(await problems("src/budget/index.ts", `export { issueIndicator } from "./indicators.ts";\n`)).toEqual([]);
  });
});

/**
 * What a file does at the wiring level that belongs to the composition root: a register… call
 * (registerFlow, registerConsumer, registerPaymentCheck …) run when the module is imported (at its
 * top level, outside any function),
 * a side-effect import (`import "./x.ts"`), and any call of the idempotency primitive withIdempotency
 * (routes use platform/idempotency.ts's sendIdempotent). A function that registers (the report-up
 * mechanism's registerReportKind) is fine: domains.ts calls it.
 */
function wiringOf(code: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node, inFunction: boolean) => {
    if (ts.isImportDeclaration(node) && !node.importClause && ts.isStringLiteral(node.moduleSpecifier)) found.push(`import "${node.moduleSpecifier.text}"`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      if (name === "withIdempotency" || (!inFunction && /^register[A-Z]/.test(name))) found.push(`${name}()`);
    }
    ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)));
  };
  visit(ts.createSourceFile("x.ts", code, ts.ScriptTarget.ES2022, true), false);
  return found;
}

describe("wiring", () => {
  it("registers nothing when a module is imported, has no side-effect import, and runs idempotent commands through the one helper", () => {
    const misplaced: string[] = [];
    for (const file of graph.keys()) {
      const relative = path.relative(SERVER_ROOT, file);
      if (!relative.startsWith("src/") || relative.endsWith(".test.ts")) continue;
      for (const what of wiringOf(readFileSync(file, "utf8"))) if (!(what === "withIdempotency()" && relative === "src/platform/idempotency.ts")) misplaced.push(`${relative}: ${what}`);
    }
    expect(misplaced).toEqual([]);
  });

  it("finds a planted registration, side-effect import and hand-made idempotency (the check can fail)", () => {
    const planted = `import "./consumer.ts";\nimport { registerFlow } from "../flow/index.ts";\nregisterFlow(paymentFlow);\nexport const f = (tx) => withIdempotency(tx, input, run);\nif (ready) registerConsumer(ledgerConsumer);\nregisterPaymentCheck(holdRed);\n`;
    expect(wiringOf(planted)).toEqual(['import "./consumer.ts"', "registerFlow()", "withIdempotency()", "registerConsumer()", "registerPaymentCheck()"]);
    // Registering inside a function the composition root calls, and declaring the registry, are fine.
    expect(wiringOf(`import type { X } from "./x.ts";\nexport function registerFlow(def) {}\nexport const wire = () => { registerFlow(a); registerConsumer(b); };\nexport function all() { for (const f of flows) registerFlow(f); }\n`)).toEqual([]);
  });
});

/**
 * Parameters that default to the machine's clock (`at = new Date()`, `now = () => new Date()`): a caller
 * that forgets the clock silently gets the wall clock, and its test then depends on the day it runs.
 */
function wallClockDefaults(code: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile("x.ts", code, ts.ScriptTarget.ES2022, true);
  const readsClock = (node: ts.Node): boolean => (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Date" && !node.arguments?.length) || ts.forEachChild(node, readsClock) === true;
  const visit = (node: ts.Node) => {
    if (ts.isParameter(node) && node.initializer && readsClock(node.initializer)) found.push(node.getText(source));
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && readsClock(node.right)) found.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the clock", () => {
  it("is passed to every function, never defaulted to the machine's (only the entry points read it)", () => {
    const edges = new Set(["src/platform/clock.ts", "src/main.ts", "src/cli/main.ts", "src/cli/security.ts"]);
    const defaulted: string[] = [];
    for (const file of graph.keys()) {
      const relative = path.relative(SERVER_ROOT, file);
      if (!relative.startsWith("src/") || relative.endsWith(".test.ts") || edges.has(relative)) continue;
      for (const what of wallClockDefaults(readFileSync(file, "utf8"))) defaulted.push(`${relative}: ${what}`);
    }
    expect(defaulted).toEqual([]);
  });

  it("finds a planted default (the check can fail)", () => {
    const planted = `export async function f(tx, at = new Date()) {}\nconst g = (now: () => Date = () => new Date()) => now();\nfunction h(x, when: Date = new Date()) {}\nconst i = (c) => c.at ?? new Date();\n`;
    expect(wallClockDefaults(planted)).toEqual(["at = new Date()", "now: () => Date = () => new Date()", "when: Date = new Date()", "c.at ?? new Date()"]);
    expect(wallClockDefaults(`export function f(tx, at: Date) { return new Date(at.getTime()); }\nconst y = (s = new Date("2026-01-01")) => s;\n`)).toEqual([]);
  });
});

describe("outbox topics", () => {
  it("are declared once each, and every consumer takes only declared topics", () => {
    const names = topics.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of consumers) for (const t of c.topics) expect(topics, `${c.name} takes ${t.name}`).toContain(t);
  });

  it("are described in docs/events.md exactly as declared (regenerate: npx tsx packages/server/src/eventsDoc.ts --write)", () => {
    const page = readFileSync(EVENTS_DOC, "utf8");
    expect(page).toBe(eventsDocWithTable(page));
  });
});
