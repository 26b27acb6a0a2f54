// Pure rules of the treasury's daily revenue report (国库收入日报): each row a revenue class of the
// year's catalogue that is the township's own revenue (税收 101…, 非税 103…), once per report, with a
// non-zero amount in yuan (negative: refunded out of the treasury, 退库). Every bad row is named with
// its line; a report with any bad row is refused whole.
import { tryParseYuan } from "@xiangcai/shared";

export interface RevenueRow {
  /** The row's line in the file (or position in the form), counted from 1. */
  line: number;
  revenueCode: string;
  amountText: string;
}

export interface RevenueRowError {
  line: number;
  message: string;
}

export interface CheckedRevenueLine {
  revenueCode: string;
  revenueName: string;
  fund: "generalBudget" | "governmentFund" | "stateCapital";
  amountFen: bigint;
}

export interface RevenueCatalogue {
  nameOf(code: string): string | undefined;
  fundOf(code: string): CheckedRevenueLine["fund"];
}

export function checkRevenueRows(rows: readonly RevenueRow[], catalogue: RevenueCatalogue, fiscalYear: number): { lines: CheckedRevenueLine[]; errors: RevenueRowError[] } {
  const errors: RevenueRowError[] = [];
  const lines: CheckedRevenueLine[] = [];
  const seen = new Map<string, number>();
  if (rows.length === 0) return { lines, errors: [{ line: 0, message: "日报没有任何收入行" }] };
  for (const row of rows) {
    const code = row.revenueCode.trim();
    const problems: string[] = [];
    if (!/^[0-9]{3}([0-9]{2}){0,3}$/.test(code)) problems.push(`收入分类编码 ${code || "（空）"} 应为3、5、7或9位数字`);
    else if (!code.startsWith("101") && !code.startsWith("103")) problems.push(`收入分类 ${code} 不是本级税收收入（101）或非税收入（103），不在收入日报中登记`);
    else if (!catalogue.nameOf(code)) problems.push(`收入分类 ${code} 不在 ${fiscalYear} 年度收入分类科目表中`);
    const first = seen.get(code);
    if (code && first !== undefined) problems.push(`收入分类 ${code} 与第 ${first} 行重复`);
    else if (code) seen.set(code, row.line);
    const amount = tryParseYuan(row.amountText.trim().replaceAll(",", ""), { allowNegative: true });
    if (!amount.ok) problems.push(`金额 ${row.amountText || "（空）"} 应为数字，最多两位小数`);
    else if (amount.fen === 0n) problems.push("金额不能为零");
    for (const message of problems) errors.push({ line: row.line, message });
    if (problems.length === 0 && amount.ok) lines.push({ revenueCode: code, revenueName: catalogue.nameOf(code)!, fund: catalogue.fundOf(code), amountFen: amount.fen });
  }
  return errors.length ? { lines: [], errors } : { lines, errors };
}

const HEADER_WORDS = ["编码", "科目", "收入分类", "code"];

/** Rows of a report sheet: (code, amount) from its first and last-but-name columns; a header row is skipped. */
export function revenueRowsOf(records: readonly (readonly string[])[]): RevenueRow[] {
  const rows: RevenueRow[] = [];
  records.forEach((record, index) => {
    const cells = record.map((c) => c.trim());
    if (cells.every((c) => c === "")) return;
    if (index === 0 && HEADER_WORDS.some((w) => (cells[0] ?? "").toLowerCase().includes(w))) return;
    // Code, (name,) amount: the amount is the last non-empty cell of the row.
    const nonEmpty = cells.filter((c) => c !== "");
    const amountText = nonEmpty.length > 1 ? nonEmpty[nonEmpty.length - 1]! : "";
    rows.push({ line: index + 1, revenueCode: cells[0] ?? "", amountText });
  });
  return rows;
}
