// Batch work on a set: importing posted vouchers from other software (all or nothing, numbered
// under the month counters' locks, inserted in chunks) and exporting a journal hledger reads.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { recordAudit } from "../audit/index.ts";
import { checkVoucher, readImportedVoucher, periodOfDate, voucherLabel, IMPORT_VOUCHERS_MAX, basisOfCode, type VoucherErrorCode, type VoucherInput } from "./rules.ts";
import { ledgerMonthTotal, ledgerVoucher, ledgerVoucherLine, ledgerPeriod } from "./tables.ts";
import { loadChart, type AccountSetRow, type LedgerActor } from "./service.ts";

export interface ImportResult {
  ok: boolean;
  posted: number;
  lines: number;
  invalid: { index: number; codes: VoucherErrorCode[]; messages: string[] }[];
}

/** Rows per INSERT … SELECT FROM unnest(…) statement: one parameter per column, whatever the row count. */
const ROWS_PER_STATEMENT = 20_000;

/**
 * Column-wise rows for a bulk insert through unnest(): each column travels as one array parameter
 * (text, cast by the database), which is many times faster than a VALUES list with a parameter per
 * cell on both PGlite and PostgreSQL.
 */
function columns(names: string[]) {
  let data: (string | null)[][] = names.map(() => []);
  let pending = 0;
  const flush = async (tx: Db, table: string, types: string[]) => {
    if (pending === 0) return;
    const arrays = sql.join(data.map((values, i) => sql`${sql.param(values)}::text[]::${sql.raw(types[i]!)}[]`), sql`, `);
    await tx.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names.join(", "))}) select * from unnest(${arrays})`);
    data = names.map(() => []);
    pending = 0;
  };
  const self = {
    rows: 0,
    queued: [] as unknown[][],
    push(row: unknown[]) {
      self.queued.push(row);
      self.rows++;
    },
    async insert(tx: Db, table: string, types: string[]) {
      for (const row of self.queued) {
        row.forEach((value, i) => data[i]!.push(value === null || value === undefined ? null : String(value)));
        if (++pending >= ROWS_PER_STATEMENT) await flush(tx, table, types);
      }
      await flush(tx, table, types);
      self.queued = [];
    },
  };
  return self;
}

/**
 * Posts vouchers from the import contract's JSON array. All or nothing: if any voucher is
 * invalid nothing is written and every invalid voucher is reported by index with its codes.
 */
export async function importVouchers(tx: Db, actor: LedgerActor, set: AccountSetRow, raws: unknown[], now: Date): Promise<ImportResult> {
  if (raws.length > IMPORT_VOUCHERS_MAX) {
    return { ok: false, posted: 0, lines: 0, invalid: [{ index: IMPORT_VOUCHERS_MAX, codes: ["TOO_FEW_LINES"], messages: [`一次最多导入 ${IMPORT_VOUCHERS_MAX} 张凭证`] }] };
  }
  const chart = await loadChart(tx, set);
  const periods = await tx.select().from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id)));
  const open = new Set(periods.filter((p) => p.status === "open").map((p) => p.year * 100 + p.month));
  const ctx = { account: (c: string) => chart.get(c), isClosed: (y: number, m: number) => !open.has(y * 100 + m) };
  const good: { index: number; voucher: VoucherInput & { attachments: number } }[] = [];
  const invalid: ImportResult["invalid"] = [];
  raws.forEach((raw, index) => {
    const read = readImportedVoucher(raw);
    const problems = read.ok ? checkVoucher(read.voucher, ctx).problems : read.problems;
    if (problems.length) invalid.push({ index, codes: [...new Set(problems.map((p) => p.code))], messages: problems.map((p) => p.message) });
    else if (read.ok) good.push({ index, voucher: read.voucher });
  });
  if (invalid.length) return { ok: false, posted: 0, lines: 0, invalid };

  // Numbers follow the date within each month, then the file's order.
  good.sort((a, b) => (a.voucher.date < b.voucher.date ? -1 : a.voucher.date > b.voucher.date ? 1 : a.index - b.index));
  const byMonth = new Map<number, typeof good>();
  for (const g of good) {
    const { year, month } = periodOfDate(g.voucher.date);
    const key = year * 100 + month;
    const list = byMonth.get(key);
    if (list) list.push(g);
    else byMonth.set(key, [g]);
  }
  let lineCount = 0;
  for (const [key, list] of [...byMonth].sort(([a], [b]) => a - b)) {
    const year = Math.floor(key / 100);
    const month = key % 100;
    const [period] = await tx.select().from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month))).for("update");
    if (!period || period.status !== "open") throw new Error(`period ${year}-${month} closed while importing`);
    await tx.update(ledgerPeriod).set({ nextNumber: period.nextNumber + list.length }).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)));
    const v = columns(["region_code", "id", "set_id", "year", "month", "voucher_date", "summary", "attachments", "kind", "status", "number", "entered_by", "entered_by_name", "entered_at", "reviewed_by", "reviewed_by_name", "reviewed_at", "posted_by", "posted_by_name", "posted_at"]);
    const l = columns(["region_code", "voucher_id", "line_no", "set_id", "account_code", "basis", "summary", "debit_fen", "credit_fen", "functional_code", "economic_code", "project", "payee", "department", "revenue_code"]);
    const totals = new Map<string, { debitFen: bigint; creditFen: bigint }>();
    const at = now.toISOString();
    list.forEach((g, i) => {
      const id = uuidv7(now.getTime());
      v.push([set.regionCode, id, set.id, year, month, g.voucher.date, g.voucher.summary, g.voucher.attachments, "normal", "posted", period.nextNumber + i, actor.userId, actor.displayName, at, actor.userId, actor.displayName, at, actor.userId, actor.displayName, at]);
      g.voucher.lines.forEach((line, n) => {
        const a = line.aux ?? {};
        l.push([set.regionCode, id, n + 1, set.id, line.account, basisOfCode(line.account), line.summary ?? null, line.debitFen, line.creditFen, a.functional ?? null, a.economic ?? null, a.project ?? null, a.payee ?? null, a.department ?? null, a.revenue ?? null]);
        const t = totals.get(line.account) ?? { debitFen: 0n, creditFen: 0n };
        t.debitFen += line.debitFen;
        t.creditFen += line.creditFen;
        totals.set(line.account, t);
      });
    });
    await v.insert(tx, "ledger_voucher", ["text", "uuid", "uuid", "int4", "int4", "date", "text", "int4", "text", "text", "int4", "uuid", "text", "timestamptz", "uuid", "text", "timestamptz", "uuid", "text", "timestamptz"]);
    await l.insert(tx, "ledger_voucher_line", ["text", "uuid", "int4", "uuid", "text", "text", "text", "int8", "int8", "text", "text", "text", "text", "text", "text"]);
    const lines = { length: l.rows };
    lineCount += lines.length;
    for (const [accountCode, t] of totals) {
      await tx
        .insert(ledgerMonthTotal)
        .values({ regionCode: set.regionCode, setId: set.id, year, month, accountCode, debitFen: t.debitFen, creditFen: t.creditFen })
        .onConflictDoUpdate({
          target: [ledgerMonthTotal.regionCode, ledgerMonthTotal.setId, ledgerMonthTotal.year, ledgerMonthTotal.month, ledgerMonthTotal.accountCode],
          set: { debitFen: sql`${ledgerMonthTotal.debitFen} + excluded.debit_fen`, creditFen: sql`${ledgerMonthTotal.creditFen} + excluded.credit_fen` },
        });
    }
    await recordAudit(tx, {
      regionCode: set.regionCode.slice(0, 9), actor: { id: actor.userId, name: actor.displayName }, action: "ledger.vouchersImported", entityType: "ledgerAccountSet", entityId: set.id,
      after: { year, month, vouchers: list.length, lines: lines.length, first: voucherLabel(period.nextNumber), last: voucherLabel(period.nextNumber + list.length - 1) },
    }, now);
  }
  return { ok: true, posted: good.length, lines: lineCount, invalid: [] };
}

const fen = (f: bigint) => {
  const n = f < 0n;
  const a = n ? -f : f;
  return `${n ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
};

/** hledger's account name for a code: its ancestors joined by ":" (`8001:800101`). */
export function hledgerAccount(code: string): string {
  const parts: string[] = [];
  for (let n = 4; n <= code.length; n += 2) parts.push(code.slice(0, n));
  return parts.join(":");
}

/**
 * A journal hledger 1.25 reads: the first year's opening balances, then every posted voucher in
 * number order, debit positive and credit negative, so `hledger bal` shows closing balances.
 */
export async function* hledgerJournal(db: Db, set: AccountSetRow): AsyncGenerator<string> {
  const chart = await loadChart(db, set);
  yield `; 乡财 xiangcai 会计账套 ${set.code} ${set.name}\n; 借方为正，贷方为负；科目以代码命名，名称见 account 指令的注释\n\n`;
  for (const a of chart.values()) yield `account ${hledgerAccount(a.code)}  ; ${a.name}\n`;
  yield "\n";
  const opening = await db.select().from(ledgerMonthTotal).where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.year, set.startYear), eq(ledgerMonthTotal.month, 0)));
  const openingLines = opening.filter((o) => o.debitFen !== o.creditFen);
  if (openingLines.length) {
    yield `${set.startYear}-01-01 期初余额\n`;
    for (const o of openingLines) yield `    ${hledgerAccount(o.accountCode)}  ${fen(o.debitFen - o.creditFen)}\n`;
    yield "\n";
  }
  const BATCH = 2000;
  let after = { year: 0, month: 0, number: 0 };
  for (;;) {
    const vouchers = await db
      .select()
      .from(ledgerVoucher)
      .where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.status, "posted"), sql`(${ledgerVoucher.year}, ${ledgerVoucher.month}, ${ledgerVoucher.number}) > (${after.year}, ${after.month}, ${after.number})`))
      .orderBy(asc(ledgerVoucher.year), asc(ledgerVoucher.month), asc(ledgerVoucher.number))
      .limit(BATCH);
    if (!vouchers.length) break;
    const ids = vouchers.map((v) => v.id);
    const lines = await db.select().from(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), inArray(ledgerVoucherLine.voucherId, ids))).orderBy(asc(ledgerVoucherLine.voucherId), asc(ledgerVoucherLine.lineNo));
    const byVoucher = new Map<string, typeof lines>();
    for (const l of lines) {
      const list = byVoucher.get(l.voucherId);
      if (list) list.push(l);
      else byVoucher.set(l.voucherId, [l]);
    }
    let chunk = "";
    for (const v of vouchers) {
      chunk += `${v.voucherDate} (${v.year}-${String(v.month).padStart(2, "0")} ${voucherLabel(v.number)}) ${v.summary.replace(/[\r\n;]/g, " ")}\n`;
      for (const l of byVoucher.get(v.id) ?? []) chunk += `    ${hledgerAccount(l.accountCode)}  ${fen(l.debitFen - l.creditFen)}\n`;
      chunk += "\n";
    }
    yield chunk;
    const last = vouchers[vouchers.length - 1]!;
    after = { year: last.year, month: last.month, number: last.number ?? 0 };
    if (vouchers.length < BATCH) break;
  }
}
