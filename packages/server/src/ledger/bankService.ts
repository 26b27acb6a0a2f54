// Bank reconciliation (银行对账) of a unit's books: the bank's statement imported per set and bank
// account (a leaf of 1002), stored lines matched to the posted 1002 journal automatically
// (bankReconciliation.ts's rules) or by an accountant, each month's 银行存款余额调节表, and the
// month-close gate (a setting): a month does not close while a bank account's table disagrees.
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { formatYuan, parseYuan, type BankBookLineView, type BankImportResult, type BankReconciliationView, type BankStatementLineView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { choiceSetting, defineSetting, readSetting } from "../platform/settings.ts";
import { loadWorkbook, refuseSheet, checkedCellText } from "../platform/sheetReader.ts";
import { recordAudit } from "../audit/index.ts";
import { balancesFor } from "./balances.ts";
import { loadChart, loadSet, type AccountSetRow, type LedgerActor } from "./service.ts";
import { ledgerBankBalance, ledgerBankMatch, ledgerBankStatementLine, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { csvRows, manualMatchProblem, matchLines, monthEndBalances, reconcile, statementLineKey, statementRowsOf, type BookLine, type StatementLine } from "./bankReconciliation.ts";

export const fail = defineErrorCodes({ BANK_ACCOUNT_INVALID: 422, BANK_STATEMENT_INVALID: 422, BANK_MATCH_INVALID: 409, BANK_NOT_RECONCILED: 409 });

export type BankCloseRule = "off" | "required";
export const bankCloseRuleSetting = choiceSetting<BankCloseRule>({
  key: "ledger.bankReconciliationClose",
  name: "月末结账前银行对账",
  description: "结账时是否检查银行存款余额调节表：不检查；或须调节一致（账套中任一银行账户当月的调节表不平，或当月对账单余额未导入也未录入，则不能结账）。默认不检查。",
  names: { off: "不检查", required: "须调节一致" },
  levels: ["district", "township"],
  fallback: "off",
});

export const bankWindowSetting = defineSetting<number>({
  key: "ledger.bankMatchWindowDays",
  name: "银行对账日期容差",
  description: "自动对账时，对账单与银行存款日记账的日期最多相差的天数（金额、方向须一致）。默认 5 天。",
  kind: "integer",
  form: { unit: "天" },
  levels: ["district", "township"],
  parse(raw) {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0 || raw > 31) throw new Error("须为 0 到 31 的整数");
    return raw;
  },
  fallback: 5,
});

const auditActor = (a: LedgerActor) => ({ id: a.userId, name: a.displayName });
const monthEnd = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;
const monthOf = (text: string) => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) });
const bookId = (voucherId: string, lineNo: number) => `${voucherId}:${lineNo}`;

/** The set's bank accounts: the leaves of 1002 (1002 itself when it has no 明细). */
export async function bankAccountsOf(db: Db, set: AccountSetRow): Promise<{ code: string; name: string }[]> {
  const chart = await loadChart(db, set);
  return [...chart.values()].filter((a) => a.code.startsWith("1002") && a.isLeaf).map((a) => ({ code: a.code, name: a.name })).sort((a, b) => a.code.localeCompare(b.code));
}

async function bankAccount(db: Db, set: AccountSetRow, code: string): Promise<{ code: string; name: string }> {
  const found = (await bankAccountsOf(db, set)).find((a) => a.code === code);
  if (!found) return fail("BANK_ACCOUNT_INVALID", `科目 ${code} 不是账套 ${set.code} 的银行存款末级科目（1002 或其明细）。`, [{ path: "account", message: "不是银行存款末级科目" }]);
  return found;
}

type StoredLine = typeof ledgerBankStatementLine.$inferSelect;
type MatchRow = typeof ledgerBankMatch.$inferSelect;

async function statementLines(db: Db, set: AccountSetRow, account: string, to: string): Promise<StoredLine[]> {
  return db
    .select()
    .from(ledgerBankStatementLine)
    .where(and(eq(ledgerBankStatementLine.regionCode, set.regionCode), eq(ledgerBankStatementLine.setId, set.id), eq(ledgerBankStatementLine.accountCode, account), lte(ledgerBankStatementLine.lineDate, to)))
    .orderBy(asc(ledgerBankStatementLine.lineDate), asc(ledgerBankStatementLine.importId), asc(ledgerBankStatementLine.seq));
}

interface StoredBookLine {
  voucherId: string;
  lineNo: number;
  number: number | null;
  date: string;
  summary: string;
  debitFen: bigint;
  creditFen: bigint;
}

/** Posted lines on the bank account dated from `from` to `to`. */
async function bookLines(db: Db, set: AccountSetRow, account: string, from: string, to: string): Promise<StoredBookLine[]> {
  const rows = await db
    .select({ voucherId: ledgerVoucherLine.voucherId, lineNo: ledgerVoucherLine.lineNo, number: ledgerVoucher.number, date: ledgerVoucher.voucherDate, voucherSummary: ledgerVoucher.summary, lineSummary: ledgerVoucherLine.summary, debitFen: ledgerVoucherLine.debitFen, creditFen: ledgerVoucherLine.creditFen })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), eq(ledgerVoucherLine.accountCode, account), eq(ledgerVoucher.status, "posted"), gte(ledgerVoucher.voucherDate, from), lte(ledgerVoucher.voucherDate, to)))
    .orderBy(asc(ledgerVoucher.voucherDate), asc(ledgerVoucher.number), asc(ledgerVoucherLine.lineNo));
  return rows.map((r) => ({ voucherId: r.voucherId, lineNo: r.lineNo, number: r.number, date: r.date, summary: r.lineSummary || r.voucherSummary, debitFen: r.debitFen, creditFen: r.creditFen }));
}

async function matchesOf(db: Db, set: AccountSetRow): Promise<MatchRow[]> {
  return db.select().from(ledgerBankMatch).where(and(eq(ledgerBankMatch.regionCode, set.regionCode), eq(ledgerBankMatch.setId, set.id)));
}

const asStatement = (l: StoredLine): StatementLine => ({ id: l.id, date: l.lineDate, inFen: l.inFen, outFen: l.outFen, reference: l.reference });
const asBook = (l: StoredBookLine): BookLine => ({ id: bookId(l.voucherId, l.lineNo), date: l.date, debitFen: l.debitFen, creditFen: l.creditFen, text: `${l.summary} ${l.number ?? ""}` });

/** The journal is reconciled from the month of the account's first statement line: earlier lines are taken as reconciled before. */
async function reconcileFrom(db: Db, set: AccountSetRow, account: string): Promise<string | null> {
  const [first] = await db
    .select({ date: sql<string>`min(${ledgerBankStatementLine.lineDate})::text` })
    .from(ledgerBankStatementLine)
    .where(and(eq(ledgerBankStatementLine.regionCode, set.regionCode), eq(ledgerBankStatementLine.setId, set.id), eq(ledgerBankStatementLine.accountCode, account)));
  return first?.date ? `${first.date.slice(0, 7)}-01` : null;
}

/** Pairs the unpaired lines up to `to` (statement and journal) by the rules; returns how many pairs were made. */
async function autoMatchUpTo(tx: Db, actor: LedgerActor, set: AccountSetRow, account: string, to: string, now: Date): Promise<number> {
  const from = await reconcileFrom(tx, set, account);
  if (!from) return 0;
  const windowDays = await readSetting(tx, set.regionCode, bankWindowSetting);
  const matches = await matchesOf(tx, set);
  const pairedStatement = new Set(matches.map((m) => m.statementLineId));
  const pairedBook = new Set(matches.map((m) => bookId(m.voucherId, m.lineNo)));
  const statement = (await statementLines(tx, set, account, to)).filter((l) => !pairedStatement.has(l.id)).map(asStatement);
  const book = (await bookLines(tx, set, account, from, to)).filter((l) => !pairedBook.has(bookId(l.voucherId, l.lineNo))).map(asBook);
  const pairs = matchLines(statement, book, windowDays);
  if (pairs.length) {
    await tx.insert(ledgerBankMatch).values(
      pairs.map((p) => {
        const [voucherId, lineNo] = p.bookId.split(":");
        return { regionCode: set.regionCode, setId: set.id, statementLineId: p.statementId, voucherId: voucherId!, lineNo: Number(lineNo), manual: false, matchedByName: actor.displayName, matchedAt: now };
      }),
    );
  }
  return pairs.length;
}

function fileRows(content: Buffer): Promise<{ row: number; cells: string[] }[]> | { row: number; cells: string[] }[] {
  if (content.length >= 4 && content.readUInt32LE(0) === 0x04034b50) {
    return loadWorkbook(content)
      .catch(refuseSheet((message) => fail("BANK_STATEMENT_INVALID", `无法读取 Excel 文件：${message}`, [{ path: "content", message: "文件格式不正确" }])))
      .then((workbook) => {
        const sheet = workbook.worksheets[0];
        const rows: { row: number; cells: string[] }[] = [];
        sheet?.eachRow({ includeEmpty: false }, (row) => {
          const cells: string[] = [];
          for (let c = 1; c <= Math.min(row.cellCount, 64); c++) cells.push(checkedCellText(row.getCell(c).value, row.number, c));
          rows.push({ row: row.number, cells });
        });
        return rows;
      });
  }
  const text = content.toString("utf8");
  if (text.includes("\uFFFD") || text.includes("\u0000")) return fail("BANK_STATEMENT_INVALID", "文件不是 Excel（.xlsx）或 UTF-8 编码的 CSV 文件；GBK 编码的 CSV 请在 Excel 中另存为 .xlsx 或 UTF-8 CSV。", [{ path: "content", message: "文件格式不正确" }]);
  return csvRows(text);
}

/**
 * Imports a statement file to a bank account: every bad row named (ok false, nothing written); rows
 * already imported (same date, amounts and 流水号) skipped and named; each month's closing balance
 * taken from its last row with a 余额 (an entered balance is kept); then the new lines matched.
 */
export async function importStatement(tx: Db, actor: LedgerActor, setId: string, input: { account: string; fileName?: string | undefined; content: Buffer }, now: Date): Promise<BankImportResult> {
  const set = await loadSet(tx, actor, setId);
  const account = await bankAccount(tx, set, input.account);
  const read = statementRowsOf(await fileRows(input.content));
  if (read.missing.length) return fail("BANK_STATEMENT_INVALID", `对账单缺少列：${read.missing.join("、")}。表头应含 日期、摘要、收入/借方、支出/贷方、余额、流水号。`, [{ path: "content", message: "缺少列" }]);
  if (read.errors.length) return { ok: false, imported: 0, skipped: [], matched: 0, errors: read.errors };
  if (!read.rows.length) return fail("BANK_STATEMENT_INVALID", "对账单没有流水行。", [{ path: "content", message: "没有流水行" }]);
  const existing = await tx
    .select({ date: ledgerBankStatementLine.lineDate, inFen: ledgerBankStatementLine.inFen, outFen: ledgerBankStatementLine.outFen, reference: ledgerBankStatementLine.reference })
    .from(ledgerBankStatementLine)
    .where(and(eq(ledgerBankStatementLine.regionCode, set.regionCode), eq(ledgerBankStatementLine.setId, set.id), eq(ledgerBankStatementLine.accountCode, account.code), gte(ledgerBankStatementLine.lineDate, read.rows[0]!.date), lte(ledgerBankStatementLine.lineDate, read.rows[read.rows.length - 1]!.date)));
  const known = new Set(existing.map((e) => statementLineKey(e)));
  const skipped: { message: string }[] = [];
  const importId = uuidv7(now.getTime());
  const fresh = read.rows.filter((r) => {
    if (!known.has(statementLineKey(r))) return true;
    skipped.push({ message: `第 ${r.row} 行（${r.date}，${formatYuan(r.inFen || r.outFen)} 元${r.reference ? `，流水号 ${r.reference}` : ""}）已导入过，跳过。` });
    return false;
  });
  if (fresh.length) {
    const values = fresh.map((r, i) => ({ regionCode: set.regionCode, id: uuidv7(now.getTime()), setId: set.id, accountCode: account.code, lineDate: r.date, summary: r.summary, inFen: r.inFen, outFen: r.outFen, balanceFen: r.balanceFen, reference: r.reference, importId, seq: i + 1, importedBy: actor.userId, importedByName: actor.displayName, importedAt: now }));
    for (let i = 0; i < values.length; i += 1000) await tx.insert(ledgerBankStatementLine).values(values.slice(i, i + 1000));
  }
  for (const [month, balanceFen] of monthEndBalances(read.rows)) {
    const { year, month: m } = monthOf(month);
    await tx
      .insert(ledgerBankBalance)
      .values({ regionCode: set.regionCode, setId: set.id, accountCode: account.code, year, month: m, balanceFen, source: "file", updatedByName: actor.displayName, updatedAt: now })
      .onConflictDoUpdate({
        target: [ledgerBankBalance.regionCode, ledgerBankBalance.setId, ledgerBankBalance.accountCode, ledgerBankBalance.year, ledgerBankBalance.month],
        set: { balanceFen, source: "file", updatedByName: actor.displayName, updatedAt: now },
        setWhere: eq(ledgerBankBalance.source, "file"),
      });
  }
  const last = read.rows[read.rows.length - 1]!.date;
  const { year, month } = monthOf(last);
  const matched = await autoMatchUpTo(tx, actor, set, account.code, monthEnd(year, month), now);
  await recordAudit(tx, { regionCode: set.regionCode.slice(0, 9), actor: auditActor(actor), action: "ledger.bankStatementImported", entityType: "ledgerAccountSet", entityId: set.id, after: { account: account.code, fileName: input.fileName ?? null, imported: fresh.length, skipped: skipped.length, matched } }, now);
  return { ok: true, imported: fresh.length, skipped, matched, errors: [] };
}

export async function autoMatch(tx: Db, actor: LedgerActor, setId: string, account: string, month: string, now: Date): Promise<{ matched: number }> {
  const set = await loadSet(tx, actor, setId);
  await bankAccount(tx, set, account);
  const { year, month: m } = monthOf(month);
  return { matched: await autoMatchUpTo(tx, actor, set, account, monthEnd(year, m), now) };
}

/** An accountant pairs a statement line with a posted journal line of the same account, amount and direction. */
export async function matchManually(tx: Db, actor: LedgerActor, setId: string, input: { statementLineId: string; voucherId: string; lineNo: number }, now: Date): Promise<void> {
  const set = await loadSet(tx, actor, setId);
  const [line] = await tx.select().from(ledgerBankStatementLine).where(and(eq(ledgerBankStatementLine.regionCode, set.regionCode), eq(ledgerBankStatementLine.setId, set.id), eq(ledgerBankStatementLine.id, input.statementLineId)));
  if (!line) return fail("BANK_MATCH_INVALID", "对账单行不存在。", [{ path: "statementLineId", message: "不存在" }]);
  const [book] = (await bookLines(tx, set, line.accountCode, "2000-01-01", "2100-12-31")).filter((b) => b.voucherId === input.voucherId && b.lineNo === input.lineNo);
  if (!book) return fail("BANK_MATCH_INVALID", `该凭证行不是科目 ${line.accountCode} 的已记账分录。`, [{ path: "voucherId", message: "不是该银行账户的已记账分录" }]);
  const problem = manualMatchProblem(asStatement(line), asBook(book));
  if (problem) return fail("BANK_MATCH_INVALID", problem, [{ path: "lineNo", message: "金额或方向不一致" }]);
  const matches = await matchesOf(tx, set);
  if (matches.some((m) => m.statementLineId === line.id)) fail("BANK_MATCH_INVALID", "该对账单行已勾对，请先取消勾对。");
  if (matches.some((m) => m.voucherId === book.voucherId && m.lineNo === book.lineNo)) fail("BANK_MATCH_INVALID", "该凭证行已勾对，请先取消勾对。");
  await tx.insert(ledgerBankMatch).values({ regionCode: set.regionCode, setId: set.id, statementLineId: line.id, voucherId: book.voucherId, lineNo: book.lineNo, manual: true, matchedByName: actor.displayName, matchedAt: now });
  await recordAudit(tx, { regionCode: set.regionCode.slice(0, 9), actor: auditActor(actor), action: "ledger.bankMatched", entityType: "ledgerAccountSet", entityId: set.id, after: { statementLineId: line.id, voucherId: book.voucherId, lineNo: book.lineNo } }, now);
}

export async function unmatch(tx: Db, actor: LedgerActor, setId: string, statementLineId: string, now: Date): Promise<void> {
  const set = await loadSet(tx, actor, setId);
  const removed = await tx.delete(ledgerBankMatch).where(and(eq(ledgerBankMatch.regionCode, set.regionCode), eq(ledgerBankMatch.setId, set.id), eq(ledgerBankMatch.statementLineId, statementLineId))).returning();
  if (!removed.length) fail("BANK_MATCH_INVALID", "该对账单行未勾对。", [{ path: "statementLineId", message: "未勾对" }]);
  await recordAudit(tx, { regionCode: set.regionCode.slice(0, 9), actor: auditActor(actor), action: "ledger.bankUnmatched", entityType: "ledgerAccountSet", entityId: set.id, before: { statementLineId, voucherId: removed[0]!.voucherId, lineNo: removed[0]!.lineNo } }, now);
}

/** Enters (or corrects) a month's statement closing balance; a later file import does not overwrite it. */
export async function enterBankBalance(tx: Db, actor: LedgerActor, setId: string, input: { account: string; month: string; balance: string }, now: Date): Promise<void> {
  const set = await loadSet(tx, actor, setId);
  await bankAccount(tx, set, input.account);
  const { year, month } = monthOf(input.month);
  const balanceFen = parseYuan(input.balance, { allowNegative: true });
  await tx
    .insert(ledgerBankBalance)
    .values({ regionCode: set.regionCode, setId: set.id, accountCode: input.account, year, month, balanceFen, source: "entered", updatedByName: actor.displayName, updatedAt: now })
    .onConflictDoUpdate({ target: [ledgerBankBalance.regionCode, ledgerBankBalance.setId, ledgerBankBalance.accountCode, ledgerBankBalance.year, ledgerBankBalance.month], set: { balanceFen, source: "entered", updatedByName: actor.displayName, updatedAt: now } });
  await recordAudit(tx, { regionCode: set.regionCode.slice(0, 9), actor: auditActor(actor), action: "ledger.bankBalanceEntered", entityType: "ledgerAccountSet", entityId: set.id, after: { account: input.account, month: input.month, balance: formatYuan(balanceFen) } }, now);
}

const yuanOrEmpty = (fen: bigint) => (fen === 0n ? "" : formatYuan(fen));

interface Computed {
  statement: StoredLine[];
  book: StoredBookLine[];
  matches: MatchRow[];
  bankBalanceFen: bigint | null;
  bankBalanceSource: "file" | "entered" | "none";
  table: ReturnType<typeof reconcile>;
  unmatchedStatement: StoredLine[];
  unmatchedBook: StoredBookLine[];
}

/** The month's lines and table of one bank account: unmatched = up to month end, not paired with a line also up to month end. */
async function compute(db: Db, set: AccountSetRow, account: string, year: number, month: number): Promise<Computed> {
  const to = monthEnd(year, month);
  const from = (await reconcileFrom(db, set, account)) ?? monthStart(year, month);
  const statement = await statementLines(db, set, account, to);
  const book = await bookLines(db, set, account, from < monthStart(year, month) ? from : monthStart(year, month), to);
  const matches = await matchesOf(db, set);
  const statementIds = new Set(statement.map((l) => l.id));
  const bookIds = new Set(book.map((l) => bookId(l.voucherId, l.lineNo)));
  const closed = matches.filter((m) => statementIds.has(m.statementLineId) && bookIds.has(bookId(m.voucherId, m.lineNo)));
  const pairedStatement = new Set(closed.map((m) => m.statementLineId));
  const pairedBook = new Set(closed.map((m) => bookId(m.voucherId, m.lineNo)));
  const unmatchedStatement = statement.filter((l) => !pairedStatement.has(l.id));
  const unmatchedBook = book.filter((l) => l.date >= from && !pairedBook.has(bookId(l.voucherId, l.lineNo)));
  const [balance] = await db
    .select()
    .from(ledgerBankBalance)
    .where(and(eq(ledgerBankBalance.regionCode, set.regionCode), eq(ledgerBankBalance.setId, set.id), eq(ledgerBankBalance.accountCode, account), eq(ledgerBankBalance.year, year), eq(ledgerBankBalance.month, month)));
  const { opening, period } = await balancesFor(db, set, year, month, month);
  const moved = period.get(account);
  const bookBalanceFen = (opening.get(account) ?? 0n) + (moved ? moved.debitFen - moved.creditFen : 0n);
  const bankBalanceFen = balance?.balanceFen ?? null;
  const table = reconcile({ bankBalanceFen: bankBalanceFen ?? 0n, bookBalanceFen, unmatchedStatement: unmatchedStatement.map(asStatement), unmatchedBook: unmatchedBook.map(asBook) });
  return { statement, book, matches, bankBalanceFen, bankBalanceSource: balance?.source ?? "none", table: { ...table, agrees: table.agrees && bankBalanceFen !== null }, unmatchedStatement, unmatchedBook };
}

export async function reconciliationOf(db: Db, actor: LedgerActor, setId: string, account: string, monthText: string): Promise<BankReconciliationView> {
  const set = await loadSet(db, actor, setId);
  const accounts = await bankAccountsOf(db, set);
  const found = await bankAccount(db, set, account);
  const { year, month } = monthOf(monthText);
  const c = await compute(db, set, account, year, month);
  const byStatement = new Map(c.matches.map((m) => [m.statementLineId, m]));
  const byBook = new Map(c.matches.map((m) => [bookId(m.voucherId, m.lineNo), m]));
  const statementView = (l: StoredLine): BankStatementLineView => {
    const m = byStatement.get(l.id);
    return { id: l.id, date: l.lineDate, summary: l.summary, income: yuanOrEmpty(l.inFen), expense: yuanOrEmpty(l.outFen), balance: l.balanceFen === null ? null : formatYuan(l.balanceFen), reference: l.reference, match: m ? { voucherId: m.voucherId, lineNo: m.lineNo, manual: m.manual } : null };
  };
  const bookView = (l: StoredBookLine): BankBookLineView => {
    const m = byBook.get(bookId(l.voucherId, l.lineNo));
    return { voucherId: l.voucherId, lineNo: l.lineNo, voucherNumber: l.number, date: l.date, summary: l.summary, debit: yuanOrEmpty(l.debitFen), credit: yuanOrEmpty(l.creditFen), match: m ? { statementLineId: m.statementLineId, manual: m.manual } : null };
  };
  const start = monthStart(year, month);
  const windowDays = await readSetting(db, set.regionCode, bankWindowSetting);
  const t = c.table;
  return {
    setId: set.id,
    setName: set.name,
    account: found.code,
    accountName: found.name,
    month: monthText,
    accounts,
    windowDays,
    statement: c.statement.filter((l) => l.lineDate >= start).map(statementView),
    book: c.book.filter((l) => l.date >= start).map(bookView),
    bankBalanceSource: c.bankBalanceSource,
    table: {
      bankBalance: formatYuan(t.bankBalanceFen),
      bookReceived: formatYuan(t.bookReceivedFen),
      bookPaid: formatYuan(t.bookPaidFen),
      adjustedBank: formatYuan(t.adjustedBankFen),
      bookBalance: formatYuan(t.bookBalanceFen),
      bankReceived: formatYuan(t.bankReceivedFen),
      bankPaid: formatYuan(t.bankPaidFen),
      adjustedBook: formatYuan(t.adjustedBookFen),
      agrees: t.agrees,
      unmatchedStatement: c.unmatchedStatement.map(statementView),
      unmatchedBook: c.unmatchedBook.map(bookView),
    },
  };
}

/**
 * The month-close gate: when the setting asks for it, every bank account of the set with a statement
 * or with posted lines up to month end must have the month's statement balance and an agreeing table.
 */
export async function assertBankReconciled(tx: Db, set: AccountSetRow, year: number, month: number): Promise<void> {
  if ((await readSetting(tx, set.regionCode, bankCloseRuleSetting)) !== "required") return;
  const to = monthEnd(year, month);
  const used = await tx
    .selectDistinct({ account: ledgerVoucherLine.accountCode })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), sql`${ledgerVoucherLine.accountCode} like '1002%'`, eq(ledgerVoucher.status, "posted"), lte(ledgerVoucher.voucherDate, to)));
  const imported = await tx
    .selectDistinct({ account: ledgerBankStatementLine.accountCode })
    .from(ledgerBankStatementLine)
    .where(and(eq(ledgerBankStatementLine.regionCode, set.regionCode), eq(ledgerBankStatementLine.setId, set.id), lte(ledgerBankStatementLine.lineDate, to)));
  const codes = [...new Set([...used, ...imported].map((r) => r.account))].sort();
  const accounts = codes.length ? (await bankAccountsOf(tx, set)).filter((a) => codes.includes(a.code)) : [];
  for (const account of accounts) {
    const c = await compute(tx, set, account.code, year, month);
    if (c.bankBalanceFen === null) fail("BANK_NOT_RECONCILED", `${year}年${month}月银行账户 ${account.code} ${account.name} 尚未导入对账单或录入对账单余额，不能结账（设置：月末结账前银行对账须调节一致）。`);
    if (!c.table.agrees) {
      fail(
        "BANK_NOT_RECONCILED",
        `${year}年${month}月银行账户 ${account.code} ${account.name} 的银行存款余额调节表不平：银行方调节后 ${formatYuan(c.table.adjustedBankFen)} 元，单位方调节后 ${formatYuan(c.table.adjustedBookFen)} 元，不能结账。请在“银行对账”中勾对或核实未达账项。`,
      );
    }
  }
}
