// Proves one money format in the web app by reading its sources: no page keeps its own way of writing
// amounts (a thousands regex or toLocaleString on money), every table column whose title names an
// amount (金额, （元）, 余额 — not 余额方向, a chart's 借/贷 —, 借方, 贷方) renders through the money module (formatYuanText, moneyColumn or
// a helper that re-exports it), and no amount field is dropped raw into a page or a message.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL(".", import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}
const files = sources(ROOT).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));
const MONEY_MODULE = "lib/money.ts";

/** The formatters that are the money module (or re-export it under a page's name). */
const FORMATTED = /formatYuanText|moneyColumn|\byuan\(|render: yuan\b|formatYuan\([^)]*thousands|homeValueText|MoneyText/;

describe("one money format in the web app", () => {
  it("has no second way of grouping thousands", () => {
    const offenders = files.filter((f) => f.path !== MONEY_MODULE && /\\B\(\?=\(\\d\{3\}\)|\\B\(\?=\(\[0-9\]\{3\}\)/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("renders every amount column through the money module", () => {
    const offenders: string[] = [];
    for (const f of files) {
      const lines = f.text.split("\n");
      lines.forEach((line, i) => {
        const title = /title: "([^"]*)"/.exec(line);
        if (!title || !/金额|（元）|余额(?!方向)|借方|贷方/.test(title[1]!) || /\bpath: "/.test(line)) return;
        if (/key: "(debit|credit)"/.test(line) && /<Input/.test(line)) return; // an entry field, not a reading
        // The column object: this line, or up to the next column for one written over several lines.
        let column = line;
        for (let j = i + 1; j < Math.min(lines.length, i + 8) && !/title: "/.test(lines[j]!); j++) column += lines[j];
        if (!FORMATTED.test(column) && !/<Input|InputNumber|dataIndex: "(lineCount|count|alerts)"/.test(column)) offenders.push(`${f.path}:${i + 1} ${title[1]}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("never puts an amount field raw into a page or message", () => {
    const RAW = /(?<![(\w])\{([a-zA-Z]+\.)+(amount|total|paid|issued|balance|principal|interest|standard|paidAmount|requested|approved)\}(?!\s*[件笔人行条])/g;
    const offenders: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(RAW)) {
        const expr = m[0];
        // Counts that happen to be called total (to-do counts, a page's row count).
        if (/counts\.|todo\.|source\.|page\.|\.total\}/.test(expr) && !/(roster|batch|b|r|notice|line|l|i)\.total\}/.test(expr)) continue;
        const before = f.text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0);
        if (before === "$") offenders.push(`${f.path}: $${expr}`);
        else offenders.push(`${f.path}: ${expr}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
