// Bank reconciliation (银行对账), the pure rules: reading a bank statement's rows (Excel or CSV,
// common header variants), matching statement lines to the 1002 银行存款 journal (same amount and
// direction, dates within a window, a reference match preferred, one-to-one, deterministic), and the
// 银行存款余额调节表 (both adjusted balances, exact to the fen).
import { tryParseYuan } from "@xiangcai/shared";

/** One line of the bank's statement: money in (收入/借方 of the bank's own sheet) or out. */
export interface StatementLine {
  id: string;
  date: string;
  inFen: bigint;
  outFen: bigint;
  reference: string;
}

/** One posted 1002 line: a debit is money the unit received, a credit money it paid. */
export interface BookLine {
  id: string;
  date: string;
  debitFen: bigint;
  creditFen: bigint;
  /** Summaries and voucher number the bank's reference may appear in. */
  text: string;
}

export interface MatchPair {
  statementId: string;
  bookId: string;
}

const DAY_MS = 86_400_000;

/** Days between two ISO dates (YYYY-MM-DD), computed in UTC so no time zone is involved. */
export function daysBetween(a: string, b: string): number {
  const at = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round(Math.abs(at(a) - at(b)) / DAY_MS);
}

/** The bank's money in is the book's debit; the bank's money out is the book's credit. */
function sameAmount(s: StatementLine, b: BookLine): boolean {
  return (s.inFen > 0n && s.inFen === b.debitFen && b.creditFen === 0n) || (s.outFen > 0n && s.outFen === b.creditFen && b.debitFen === 0n);
}

function referenceMatches(s: StatementLine, b: BookLine): boolean {
  const ref = s.reference.trim();
  return ref.length >= 3 && b.text.includes(ref);
}

const byDateId = <T extends { date: string; id: string }>(x: T, y: T) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Pairs unmatched statement lines with unmatched book lines: first the pairs whose reference appears
 * in the book line, then the rest by the nearest date; within `windowDays` days only, one-to-one.
 * Lines are taken in date then id order and ties go to the earlier date then the smaller id, so the
 * same lines always give the same pairs whatever order they came in.
 */
export function matchLines(statement: readonly StatementLine[], book: readonly BookLine[], windowDays: number): MatchPair[] {
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new Error("windowDays must be a non-negative integer");
  const lines = [...statement].sort(byDateId);
  const candidates = [...book].sort(byDateId);
  const used = new Set<string>();
  const paired = new Set<string>();
  const pairs: MatchPair[] = [];
  for (const pass of ["reference", "date"] as const) {
    for (const s of lines) {
      if (paired.has(s.id)) continue;
      let best: BookLine | undefined;
      let bestDays = Infinity;
      for (const b of candidates) {
        if (used.has(b.id) || !sameAmount(s, b)) continue;
        const days = daysBetween(s.date, b.date);
        if (days > windowDays) continue;
        if (pass === "reference" && !referenceMatches(s, b)) continue;
        if (days < bestDays) {
          best = b;
          bestDays = days;
        }
      }
      if (best) {
        used.add(best.id);
        paired.add(s.id);
        pairs.push({ statementId: s.id, bookId: best.id });
      }
    }
  }
  return pairs.sort((x, y) => (x.statementId < y.statementId ? -1 : x.statementId > y.statementId ? 1 : 0));
}

/** Why a manual pair is refused (null when it may be made). */
export function manualMatchProblem(s: StatementLine, b: BookLine): string | null {
  if (!sameAmount(s, b)) return "对账单行与账簿行的金额或方向不一致（银行收入对应银行存款借方，银行支出对应贷方）。";
  return null;
}

export interface ReconciliationInput {
  /** 银行对账单余额 at month end. */
  bankBalanceFen: bigint;
  /** 银行存款日记账 (1002 or its 明细) balance at month end, debit positive. */
  bookBalanceFen: bigint;
  /** Lines up to month end not matched with a line also up to month end. */
  unmatchedStatement: readonly StatementLine[];
  unmatchedBook: readonly BookLine[];
}

export interface Reconciliation {
  bankBalanceFen: bigint;
  /** 企业已收、银行未收 */
  bookReceivedFen: bigint;
  /** 企业已付、银行未付 */
  bookPaidFen: bigint;
  adjustedBankFen: bigint;
  bookBalanceFen: bigint;
  /** 银行已收、企业未收 */
  bankReceivedFen: bigint;
  /** 银行已付、企业未付 */
  bankPaidFen: bigint;
  adjustedBookFen: bigint;
  agrees: boolean;
}

/** 银行存款余额调节表: both sides adjusted by the other side's unmatched lines. */
export function reconcile(input: ReconciliationInput): Reconciliation {
  let bookReceivedFen = 0n;
  let bookPaidFen = 0n;
  for (const b of input.unmatchedBook) {
    bookReceivedFen += b.debitFen;
    bookPaidFen += b.creditFen;
  }
  let bankReceivedFen = 0n;
  let bankPaidFen = 0n;
  for (const s of input.unmatchedStatement) {
    bankReceivedFen += s.inFen;
    bankPaidFen += s.outFen;
  }
  const adjustedBankFen = input.bankBalanceFen + bookReceivedFen - bookPaidFen;
  const adjustedBookFen = input.bookBalanceFen + bankReceivedFen - bankPaidFen;
  return { bankBalanceFen: input.bankBalanceFen, bookReceivedFen, bookPaidFen, adjustedBankFen, bookBalanceFen: input.bookBalanceFen, bankReceivedFen, bankPaidFen, adjustedBookFen, agrees: adjustedBankFen === adjustedBookFen };
}

// ---------------------------------------------------------------- reading a statement sheet

export type StatementField = "date" | "summary" | "in" | "out" | "balance" | "reference";

/**
 * The header names banks use for each column (matched after removing spaces, brackets and 元). A
 * plain 借方/贷方 is read from the unit's side (收入/借方, 支出/贷方, as the import's template
 * says); 借方发生额/贷方发生额 are the bank's own columns, where 借方 is money out of the account.
 */
const HEADER_NAMES: Record<StatementField, readonly string[]> = {
  date: ["日期", "交易日期", "记账日期", "入账日期", "交易时间"],
  summary: ["摘要", "用途", "交易摘要", "附言", "备注", "对方户名"],
  in: ["收入", "借方", "收入金额", "贷方发生额", "存入"],
  out: ["支出", "贷方", "支出金额", "借方发生额", "支取"],
  balance: ["余额", "账户余额", "当前余额", "余额元"],
  reference: ["流水号", "交易流水号", "凭证号", "交易序号", "业务编号", "参考号"],
};

function headerKey(text: string): string {
  return text.replace(/[\s（）()]|元/g, "").replace(/\/.*$/, "");
}

/** Which field each column holds, or the missing required columns. "收入/借方" counts as 收入. */
export function statementColumns(header: readonly string[]): { columns: Partial<Record<StatementField, number>>; missing: string[] } {
  const columns: Partial<Record<StatementField, number>> = {};
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    if (!key) return;
    for (const field of Object.keys(HEADER_NAMES) as StatementField[]) {
      if (columns[field] === undefined && HEADER_NAMES[field].includes(key)) {
        columns[field] = index;
        return;
      }
    }
  });
  const missing: string[] = [];
  if (columns.date === undefined) missing.push("日期");
  if (columns.in === undefined) missing.push("收入/借方");
  if (columns.out === undefined) missing.push("支出/贷方");
  return { columns, missing };
}

export interface StatementRow {
  /** The sheet's own row number. */
  row: number;
  date: string;
  summary: string;
  inFen: bigint;
  outFen: bigint;
  balanceFen: bigint | null;
  reference: string;
}

export interface StatementRowError {
  row: number;
  code: "BAD_DATE" | "BAD_AMOUNT" | "BOTH_SIDES" | "NO_AMOUNT" | "BAD_BALANCE" | "DUPLICATE_IN_FILE" | "OUT_OF_ORDER" | "TOO_LONG";
  message: string;
}

/** Accepts 2026-03-05, 2026/3/5, 2026.03.05, 20260305 and a leading date of a date-time. */
export function statementDate(text: string): string | null {
  const t = text.trim();
  const m = /^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(?:[ T].*)?$/.exec(t) ?? /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (y < 2000 || y > 2100 || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function amount(text: string, allowNegative: boolean): bigint | null | "bad" {
  let t = text.replace(/[,，\s¥￥]/g, "");
  if (t === "" || t === "-") return null;
  // A number cell read back from binary floating point (1234.5600000000001) is the amount it shows.
  if (/^-?[0-9]+\.[0-9]{3,}$/.test(t) && Math.abs(Number(t) * 100 - Math.round(Number(t) * 100)) < 1e-4) t = Number(t).toFixed(2);
  const parsed = tryParseYuan(t, allowNegative ? { allowNegative: true } : {});
  return parsed.ok ? parsed.fen : "bad";
}

/**
 * The statement's rows from a sheet's rows (the header first, blank rows skipped): every bad row is
 * named with a stable code; the caller writes nothing unless there is no error.
 */
export function statementRowsOf(rows: readonly { row: number; cells: readonly string[] }[]): { rows: StatementRow[]; errors: StatementRowError[]; missing: string[] } {
  const [header, ...body] = rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (!header) return { rows: [], errors: [], missing: ["日期", "收入/借方", "支出/贷方"] };
  const { columns, missing } = statementColumns(header.cells);
  if (missing.length) return { rows: [], errors: [], missing };
  const out: StatementRow[] = [];
  const errors: StatementRowError[] = [];
  const seen = new Map<string, number>();
  const cell = (r: { cells: readonly string[] }, field: StatementField) => (columns[field] === undefined ? "" : (r.cells[columns[field]!] ?? "").trim());
  for (const r of body) {
    const where = `第 ${r.row} 行`;
    const date = statementDate(cell(r, "date"));
    if (!date) {
      errors.push({ row: r.row, code: "BAD_DATE", message: `${where}：日期“${cell(r, "date")}”无法识别，应为 2026-03-05 这样的日期。` });
      continue;
    }
    const inFen = amount(cell(r, "in"), false);
    const outFen = amount(cell(r, "out"), false);
    if (inFen === "bad" || outFen === "bad") {
      errors.push({ row: r.row, code: "BAD_AMOUNT", message: `${where}：收入或支出金额不是有效的金额（元，最多两位小数，不为负）。` });
      continue;
    }
    const i = inFen ?? 0n;
    const o = outFen ?? 0n;
    if (i > 0n && o > 0n) {
      errors.push({ row: r.row, code: "BOTH_SIDES", message: `${where}：收入和支出只能填一个。` });
      continue;
    }
    if (i === 0n && o === 0n) {
      errors.push({ row: r.row, code: "NO_AMOUNT", message: `${where}：收入、支出都为空或为零。` });
      continue;
    }
    const balance = amount(cell(r, "balance"), true);
    if (balance === "bad") {
      errors.push({ row: r.row, code: "BAD_BALANCE", message: `${where}：余额“${cell(r, "balance")}”不是有效的金额。` });
      continue;
    }
    const summary = cell(r, "summary");
    const reference = cell(r, "reference");
    if (summary.length > 200 || reference.length > 60) {
      errors.push({ row: r.row, code: "TOO_LONG", message: `${where}：摘要最多 200 字、流水号最多 60 字。` });
      continue;
    }
    if (reference) {
      const key = statementLineKey({ date, inFen: i, outFen: o, reference });
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: r.row, code: "DUPLICATE_IN_FILE", message: `${where}：与第 ${first} 行的日期、金额、流水号相同，是重复的流水。` });
        continue;
      }
      seen.set(key, r.row);
    }
    const previous = out[out.length - 1];
    if (previous && previous.date > date) {
      errors.push({ row: r.row, code: "OUT_OF_ORDER", message: `${where}：日期 ${date} 早于上一行的 ${previous.date}，对账单应按日期先后排列。` });
      continue;
    }
    out.push({ row: r.row, date, summary, inFen: i, outFen: o, balanceFen: balance, reference });
  }
  return { rows: out, errors, missing: [] };
}

/** The key an imported line is known by: a line with the same key is already imported. */
export function statementLineKey(l: { date: string; inFen: bigint; outFen: bigint; reference: string }): string {
  return `${l.date}|${l.inFen}|${l.outFen}|${l.reference}`;
}

/** Each month's closing balance from the statement: the last row of the month that carries a 余额. */
export function monthEndBalances(rows: readonly StatementRow[]): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const r of rows) if (r.balanceFen !== null) balances.set(r.date.slice(0, 7), r.balanceFen);
  return balances;
}

/** Splits a CSV text (commas, quotes with "" escapes; a UTF-8 BOM dropped) into rows of cells. */
export function csvRows(text: string): { row: number; cells: string[] }[] {
  const source = text.replace(/^\uFEFF/, "");
  const rows: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell.trim());
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      cells.push(cell.trim());
      rows.push({ row: line, cells });
      cells = [];
      cell = "";
      line++;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell.trim());
    rows.push({ row: line, cells });
  }
  return rows;
}
