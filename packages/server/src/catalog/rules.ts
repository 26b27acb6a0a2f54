// The pure rules of the classification catalogues (DOMAIN.md §6): code lengths per level, a parent
// for every code below the top, no duplicates; and reading (code, name) rows out of CSV text.
import { parseCsv as parseSharedCsv } from "@xiangcai/shared";
import type { ClassificationKind } from "./tables.ts";

export const CATALOG_ROWS_MAX = 20_000;

export const codeLengths: Record<ClassificationKind, readonly number[]> = { functional: [3, 5, 7], economic: [3, 5], revenue: [3, 5, 7, 9] };
export const levelNames: Record<ClassificationKind, readonly string[]> = { functional: ["类", "款", "项"], economic: ["类", "款"], revenue: ["类", "款", "项", "目"] };
export const kindNames: Record<ClassificationKind, string> = { functional: "支出功能分类", economic: "部门预算支出经济分类", revenue: "收入分类" };

/** Which budget a revenue class belongs to: 政府性基金收入 (10301…) and 国有资本经营收入 (10306…) have their own. */
export type RevenueFundOfCode = "generalBudget" | "governmentFund" | "stateCapital";
export function revenueFundOf(code: string): RevenueFundOfCode {
  if (code.startsWith("10301")) return "governmentFund";
  if (code.startsWith("10306")) return "stateCapital";
  return "generalBudget";
}

/**
 * Whether a revenue class is the township's own revenue that the treasury's daily report carries:
 * 税收收入 (101) and 非税收入 (103). Social insurance funds (102) are kept outside the fiscal general
 * accounts; loan recoveries, debt and transfers (104, 105, 110) are recorded by their own documents.
 */
export function isOwnRevenueCode(code: string): boolean {
  return code.startsWith("101") || code.startsWith("103");
}

/** The district that keeps the catalogue a region reads: its first 6 digits and 000. */
export const catalogRegionOf = (regionCode: string) => `${regionCode.slice(0, 6)}000`;

export function parentCodeOf(code: string): string | null {
  return code.length > 3 ? code.slice(0, code.length - 2) : null;
}

/** The level (1 = 类) of a code of a catalogue, or null when the code has a wrong shape. */
export function levelOf(kind: ClassificationKind, code: string): number | null {
  if (!/^[0-9]+$/.test(code)) return null;
  const index = codeLengths[kind].indexOf(code.length);
  return index < 0 ? null : index + 1;
}

export interface CatalogRow {
  line: number;
  code: string;
  name: string;
}

export interface RowError {
  line: number;
  code: string;
  message: string;
}

export interface CheckedCatalog {
  items: { code: string; name: string; parentCode: string | null }[];
  errors: RowError[];
}

/**
 * Checks imported rows against the catalogue's existing codes: shape and length of the code, a name,
 * no code twice in the file, and a parent that exists in the file or in the catalogue already.
 */
export function checkCatalogRows(kind: ClassificationKind, rows: readonly CatalogRow[], existingCodes: ReadonlySet<string>): CheckedCatalog {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const lengths = codeLengths[kind].join("、");
  for (const row of rows) {
    if (!/^[0-9]+$/.test(row.code)) errors.push({ line: row.line, code: row.code, message: "编码只能由数字组成" });
    else if (levelOf(kind, row.code) === null) errors.push({ line: row.line, code: row.code, message: `${kindNames[kind]}编码应为 ${lengths} 位` });
    if (row.name.length === 0) errors.push({ line: row.line, code: row.code, message: "名称不能为空" });
    else if (row.name.length > 100) errors.push({ line: row.line, code: row.code, message: "名称不能超过 100 个字" });
    const first = seen.get(row.code);
    if (first !== undefined) errors.push({ line: row.line, code: row.code, message: `编码与第 ${first} 行重复` });
    else seen.set(row.code, row.line);
  }
  for (const row of rows) {
    const parent = parentCodeOf(row.code);
    if (parent !== null && levelOf(kind, row.code) !== null && !seen.has(parent) && !existingCodes.has(parent)) {
      errors.push({ line: row.line, code: row.code, message: `上级编码 ${parent} 不存在` });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  const items = errors.length ? [] : rows.map((r) => ({ code: r.code, name: r.name, parentCode: parentCodeOf(r.code) }));
  return { items, errors };
}

/** CSV records with blank lines kept, so a row error names the file's own line. */
export function parseCsv(text: string): string[][] {
  return parseSharedCsv(text, { skipBlank: false });
}

const HEADER_WORDS = new Set(["code", "编码", "科目编码", "代码"]);

/** (code, name) rows from table records: a header row is skipped, blank rows ignored, lines counted from 1. */
export function catalogRowsOf(records: readonly (readonly string[])[]): CatalogRow[] {
  const rows: CatalogRow[] = [];
  records.forEach((record, index) => {
    const code = (record[0] ?? "").trim();
    const name = (record[1] ?? "").trim();
    if (code === "" && name === "") return;
    if (index === 0 && HEADER_WORDS.has(code.toLowerCase())) return;
    rows.push({ line: index + 1, code, name });
  });
  return rows;
}
