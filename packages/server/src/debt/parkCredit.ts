// 财园信贷通 (park credit programme), run by the district finance bureau: the cooperating banks, the
// risk compensation fund deposited with each (deposits and withdrawals), loans to park enterprises
// granted within the fund's multiple (loans outstanding ≤ multiple × fund, the setting
// parkCredit.fundMultiple), repayments, overdue and default as the bank reports them, compensation
// paid from the fund at the bank's agreed sharing ratio, and recoveries returned to it. The fund's
// movements and the loans' events are append-only; every change is audited. Money in fen.
import type { z } from "zod";
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { formatDecimal, formatYuan, parkLoanStatusNames, parseDecimal, parseYuan, fundMovementNames, type parkLoanBody, type ParkBankView, type ParkFundMovementView, type ParkLoanDetailView, type ParkLoanView, type Decimal } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { canMove, checkLoanTerms, compensationDue, countsAsOutstanding, fitsWithinMultiple, fundTotals, lendingCapacity, readSharePercent, recoveryReturn, unpaidPrincipal, type LoanMove } from "./parkCreditRules.ts";
import { parkCreditBank, parkCreditFundMovement, parkCreditLoan, parkCreditLoanEvent, type ParkLoanStatus } from "./tables.ts";

export const fail = defineErrorCodes({ LOAN_EXCEEDS_MULTIPLE: 409, FUND_INSUFFICIENT: 409, LOAN_STATE: 409, REPAYMENT_EXCEEDS: 409, NOTHING_TO_RETURN: 409, BANK_ENDED: 409 });

export const fundMultipleSetting = defineSetting<string>({
  key: "parkCredit.fundMultiple",
  name: "财园信贷通放大倍数",
  description: "合作银行的贷款余额不超过该行风险补偿金余额的此倍数（例如 8 表示 1:8）。默认 8。",
  kind: "decimal",
  form: { unit: "倍" },
  levels: ["district"],
  parse(raw) {
    const d = parseDecimal(String(raw), { maxDecimals: 2, label: "放大倍数" });
    if (d.units <= 0n) throw new Error("放大倍数须大于 0");
    return formatDecimal(d);
  },
  fallback: "8",
});

type BankRow = typeof parkCreditBank.$inferSelect;
type LoanRow = typeof parkCreditLoan.$inferSelect;
type MovementRow = typeof parkCreditFundMovement.$inferSelect;

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });
const yuan = (fen: bigint) => formatYuan(fen);
const DISTRICT = /^[0-9]{6}000$/;

/** The programme is the district's: a township or village user may not run it. */
function districtOf(actor: Actor): string {
  if (!DISTRICT.test(actor.regionCode)) fail("FORBIDDEN", "财园信贷通由区财政局管理。");
  return actor.regionCode;
}

export async function fundMultiple(db: Db, regionCode: string): Promise<Decimal> {
  return parseDecimal(await readSetting(db, regionCode, fundMultipleSetting), { maxDecimals: 2 });
}

// ---------------------------------------------------------------- figures of a bank

interface BankFigures {
  movements: MovementRow[];
  loans: LoanRow[];
}

async function figuresOf(db: Db, regionCode: string, bankIds: readonly string[]): Promise<Map<string, BankFigures>> {
  const out = new Map<string, BankFigures>(bankIds.map((id) => [id, { movements: [], loans: [] }]));
  if (bankIds.length === 0) return out;
  const movements = await db.select().from(parkCreditFundMovement).where(and(eq(parkCreditFundMovement.regionCode, regionCode), inArray(parkCreditFundMovement.bankId, [...bankIds]))).orderBy(asc(parkCreditFundMovement.movementDate), asc(parkCreditFundMovement.id));
  const loans = await db.select().from(parkCreditLoan).where(and(eq(parkCreditLoan.regionCode, regionCode), inArray(parkCreditLoan.bankId, [...bankIds])));
  for (const m of movements) out.get(m.bankId)?.movements.push(m);
  for (const l of loans) out.get(l.bankId)?.loans.push(l);
  return out;
}

function outstandingOf(loans: readonly LoanRow[]): bigint {
  return loans.reduce((sum, l) => (countsAsOutstanding(l.status) ? sum + unpaidPrincipal(l) : sum), 0n);
}

function bankView(bank: BankRow, figures: BankFigures, multiple: Decimal, today: string): ParkBankView {
  const totals = fundTotals(figures.movements);
  const capacity = lendingCapacity(totals.balanceFen, multiple);
  const outstanding = outstandingOf(figures.loans);
  const available = capacity - outstanding;
  return {
    id: bank.id,
    name: bank.name,
    agreementNo: bank.agreementNo,
    fundSharePercent: bank.fundSharePercent,
    contact: bank.contact,
    status: bank.status,
    deposited: yuan(totals.depositedFen),
    compensated: yuan(totals.compensatedFen),
    recovered: yuan(totals.recoveredFen),
    withdrawn: yuan(totals.withdrawnFen),
    fundBalance: yuan(totals.balanceFen),
    multiple: formatDecimal(multiple),
    capacity: yuan(capacity),
    outstanding: yuan(outstanding),
    available: yuan(available > 0n ? available : 0n),
    loans: figures.loans.length,
    overdueLoans: figures.loans.filter((l) => l.status === "overdue" || l.status === "defaulted" || (l.status === "performing" && l.dueDate < today && unpaidPrincipal(l) > 0n)).length,
  };
}

async function lockBank(tx: Db, actor: Actor, id: string): Promise<BankRow> {
  const [bank] = await tx.select().from(parkCreditBank).where(and(eq(parkCreditBank.id, id), scopeCondition(parkCreditBank.regionCode, actor.scopePrefix))).for("update");
  if (!bank) return fail("OUT_OF_SCOPE", "合作银行不存在或不在您的数据范围内。");
  return bank;
}

export async function listBanks(db: Db, actor: Actor, now: Date): Promise<ParkBankView[]> {
  const banks = await db.select().from(parkCreditBank).where(scopeCondition(parkCreditBank.regionCode, actor.scopePrefix)).orderBy(asc(parkCreditBank.regionCode), asc(parkCreditBank.createdAt), asc(parkCreditBank.name));
  const out: ParkBankView[] = [];
  for (const regionCode of [...new Set(banks.map((b) => b.regionCode))]) {
    const mine = banks.filter((b) => b.regionCode === regionCode);
    const figures = await figuresOf(db, regionCode, mine.map((b) => b.id));
    const multiple = await fundMultiple(db, regionCode);
    for (const b of mine) out.push(bankView(b, figures.get(b.id)!, multiple, chinaDate(now)));
  }
  return out;
}

export async function getBank(db: Db, actor: Actor, id: string, now: Date): Promise<ParkBankView> {
  const [bank] = await db.select().from(parkCreditBank).where(and(eq(parkCreditBank.id, id), scopeCondition(parkCreditBank.regionCode, actor.scopePrefix)));
  if (!bank) return fail("OUT_OF_SCOPE", "合作银行不存在或不在您的数据范围内。");
  const figures = await figuresOf(db, bank.regionCode, [bank.id]);
  return bankView(bank, figures.get(bank.id)!, await fundMultiple(db, bank.regionCode), chinaDate(now));
}

export async function createBank(tx: Db, actor: Actor, input: { name: string; agreementNo: string; fundSharePercent: string; contact: string }, at: Date): Promise<ParkBankView> {
  const regionCode = districtOf(actor);
  const share = readSharePercent(input.fundSharePercent);
  if (!share) fail("VALIDATION_FAILED", "风险补偿金分担比例应为大于 0、不超过 100 的百分数，最多两位小数。", [{ path: "fundSharePercent", message: "应为 0-100 的百分数" }]);
  const [dup] = await tx.select({ id: parkCreditBank.id }).from(parkCreditBank).where(and(eq(parkCreditBank.regionCode, regionCode), eq(parkCreditBank.name, input.name)));
  if (dup) fail("DUPLICATE", `合作银行“${input.name}”已登记。`, [{ path: "name", message: "已登记" }]);
  const row: BankRow = { regionCode, id: uuidv7(at.getTime()), name: input.name, agreementNo: input.agreementNo, status: "active", fundSharePercent: formatDecimal(share!), contact: input.contact, createdBy: actor.userId, createdAt: at };
  await tx.insert(parkCreditBank).values(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "parkCredit.bankCreated", entityType: "parkCreditBank", entityId: row.id, after: { name: row.name, agreementNo: row.agreementNo, fundSharePercent: row.fundSharePercent } }, at);
  return getBank(tx, actor, row.id, at);
}

async function insertMovement(tx: Db, actor: Actor, bank: BankRow, m: { kind: MovementRow["kind"]; amountFen: bigint; date: string; loanId: string | null; documentNo: string; note: string }, at: Date): Promise<string> {
  const id = uuidv7(at.getTime());
  await tx.insert(parkCreditFundMovement).values({ regionCode: bank.regionCode, id, bankId: bank.id, kind: m.kind, amountFen: m.amountFen, movementDate: m.date, loanId: m.loanId, documentNo: m.documentNo, note: m.note, createdBy: actor.userId, createdAt: at });
  await recordAudit(tx, { regionCode: bank.regionCode, actor: who(actor), action: `parkCredit.fund.${m.kind}`, entityType: "parkCreditBank", entityId: bank.id, after: { movementId: id, amount: yuan(m.amountFen), date: m.date, loanId: m.loanId, documentNo: m.documentNo } }, at);
  return id;
}

/**
 * Deposits money into a bank's risk compensation fund, or withdraws it; a withdrawal may not take the
 * fund below zero nor below what the loans outstanding with the bank need (outstanding ≤ multiple × fund).
 */
export async function moveFund(tx: Db, actor: Actor, bankId: string, input: { kind: "deposit" | "withdrawal"; amount: string; date: string; documentNo: string; note: string }, at: Date): Promise<ParkBankView> {
  const bank = await lockBank(tx, actor, bankId);
  const amountFen = parseYuan(input.amount);
  if (amountFen <= 0n) fail("VALIDATION_FAILED", "金额须大于 0。", [{ path: "amount", message: "须大于 0" }]);
  if (input.kind === "deposit" && bank.status === "ended") fail("BANK_ENDED", "与该银行的合作已终止，不能再存入。");
  if (input.kind === "withdrawal") {
    const figures = (await figuresOf(tx, bank.regionCode, [bank.id])).get(bank.id)!;
    const after = fundTotals(figures.movements).balanceFen - amountFen;
    if (after < 0n) fail("FUND_INSUFFICIENT", `风险补偿金余额不足，最多可退出 ${yuan(after + amountFen)} 元。`);
    const outstanding = outstandingOf(figures.loans);
    const multiple = await fundMultiple(tx, bank.regionCode);
    if (!fitsWithinMultiple(outstanding, 0n, lendingCapacity(after, multiple))) fail("LOAN_EXCEEDS_MULTIPLE", `退出后风险补偿金 ${yuan(after)} 元 × ${formatDecimal(multiple)} 倍不足以覆盖该行在贷余额 ${yuan(outstanding)} 元。`);
  }
  await insertMovement(tx, actor, bank, { kind: input.kind, amountFen, date: input.date, loanId: null, documentNo: input.documentNo, note: input.note }, at);
  return getBank(tx, actor, bank.id, at);
}

// ---------------------------------------------------------------- loans

async function appendLoanEvent(tx: Db, actor: Actor, loan: Pick<LoanRow, "regionCode" | "id">, e: { kind: typeof parkCreditLoanEvent.$inferInsert.kind; amountFen: bigint; date: string; note: string }, at: Date): Promise<void> {
  const [last] = await tx.select({ seq: sql<number>`coalesce(max(${parkCreditLoanEvent.seq}), 0)::int` }).from(parkCreditLoanEvent).where(and(eq(parkCreditLoanEvent.regionCode, loan.regionCode), eq(parkCreditLoanEvent.loanId, loan.id)));
  await tx.insert(parkCreditLoanEvent).values({ regionCode: loan.regionCode, loanId: loan.id, seq: (last?.seq ?? 0) + 1, kind: e.kind, amountFen: e.amountFen, eventDate: e.date, note: e.note, actorId: actor.userId, actorName: actor.displayName, at });
}

/** A new loan as the route reads it (parkLoanBody). */
export type GrantInput = z.output<typeof parkLoanBody>;

/** Grants a loan with a bank, refused when it would take the bank's loans outstanding beyond multiple × fund. */
export async function grantLoan(tx: Db, actor: Actor, input: GrantInput, at: Date): Promise<ParkLoanDetailView> {
  districtOf(actor);
  const checked = checkLoanTerms(input);
  if (!checked.ok) return fail("VALIDATION_FAILED", checked.problems.map((p) => p.message).join("；"), checked.problems);
  const terms = checked.terms;
  const bank = await lockBank(tx, actor, input.bankId);
  if (bank.status === "ended") fail("BANK_ENDED", "与该银行的合作已终止，不能新增贷款。");
  const [dup] = await tx.select({ id: parkCreditLoan.id }).from(parkCreditLoan).where(and(eq(parkCreditLoan.regionCode, bank.regionCode), eq(parkCreditLoan.loanNo, input.loanNo)));
  if (dup) fail("DUPLICATE", `借款合同编号“${input.loanNo}”已登记。`, [{ path: "loanNo", message: "已登记" }]);
  const figures = (await figuresOf(tx, bank.regionCode, [bank.id])).get(bank.id)!;
  const fund = fundTotals(figures.movements).balanceFen;
  const multiple = await fundMultiple(tx, bank.regionCode);
  const capacity = lendingCapacity(fund, multiple);
  const outstanding = outstandingOf(figures.loans);
  if (!fitsWithinMultiple(outstanding, terms.amountFen, capacity)) {
    const room = capacity - outstanding;
    fail("LOAN_EXCEEDS_MULTIPLE", `超出放大倍数：${bank.name}风险补偿金 ${yuan(fund)} 元 × ${formatDecimal(multiple)} 倍 = 可贷 ${yuan(capacity)} 元，在贷余额 ${yuan(outstanding)} 元，尚可放款 ${yuan(room > 0n ? room : 0n)} 元，本笔 ${yuan(terms.amountFen)} 元。`);
  }
  const row: LoanRow = { regionCode: bank.regionCode, id: uuidv7(at.getTime()), loanNo: input.loanNo, bankId: bank.id, enterpriseName: terms.enterpriseName, creditCode: terms.creditCode, parkName: input.parkName, amountFen: terms.amountFen, startDate: terms.startDate, termMonths: terms.termMonths, dueDate: terms.dueDate, annualRate: terms.annualRate, status: "performing", repaidFen: 0n, createdBy: actor.userId, createdAt: at, updatedAt: at };
  await tx.insert(parkCreditLoan).values(row);
  await appendLoanEvent(tx, actor, row, { kind: "granted", amountFen: row.amountFen, date: row.startDate, note: `${bank.name}放款，期限 ${row.termMonths} 个月，年利率 ${row.annualRate}%` }, at);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "parkCredit.loanGranted", entityType: "parkCreditLoan", entityId: row.id, after: { loanNo: row.loanNo, bank: bank.name, creditCode: row.creditCode, amount: yuan(row.amountFen) } }, at);
  return getLoan(tx, actor, row.id, at);
}

async function lockLoan(tx: Db, actor: Actor, id: string, move: LoanMove): Promise<{ loan: LoanRow; bank: BankRow }> {
  const [loan] = await tx.select().from(parkCreditLoan).where(and(eq(parkCreditLoan.id, id), scopeCondition(parkCreditLoan.regionCode, actor.scopePrefix))).for("update");
  if (!loan) return fail("OUT_OF_SCOPE", "贷款不存在或不在您的数据范围内。");
  if (!canMove(loan.status, move)) {
    const what = { repay: "登记还款", overdue: "登记逾期", default: "认定违约", compensate: "代偿", recover: "登记追偿收回" }[move];
    fail("LOAN_STATE", `该贷款状态为“${parkLoanStatusNames[loan.status]}”，不能${what}。`);
  }
  const bank = await lockBank(tx, actor, loan.bankId);
  return { loan, bank };
}

async function setStatus(tx: Db, loan: LoanRow, set: Partial<LoanRow>, at: Date): Promise<void> {
  await tx.update(parkCreditLoan).set({ ...set, updatedAt: at }).where(and(eq(parkCreditLoan.regionCode, loan.regionCode), eq(parkCreditLoan.id, loan.id)));
}

/** The enterprise repays principal to the bank; the loan is repaid when nothing is left. */
export async function repayLoan(tx: Db, actor: Actor, id: string, input: { amount: string; date: string; note: string }, at: Date): Promise<ParkLoanDetailView> {
  const { loan } = await lockLoan(tx, actor, id, "repay");
  const amountFen = parseYuan(input.amount);
  if (amountFen <= 0n) fail("VALIDATION_FAILED", "还款金额须大于 0。", [{ path: "amount", message: "须大于 0" }]);
  const unpaid = unpaidPrincipal(loan);
  if (amountFen > unpaid) fail("REPAYMENT_EXCEEDS", `还款 ${yuan(amountFen)} 元超过未还本金 ${yuan(unpaid)} 元。`);
  const repaidFen = loan.repaidFen + amountFen;
  const status: ParkLoanStatus = repaidFen === loan.amountFen ? "repaid" : loan.status;
  await setStatus(tx, loan, { repaidFen, status }, at);
  await appendLoanEvent(tx, actor, loan, { kind: "repaid", amountFen, date: input.date, note: input.note }, at);
  await recordAudit(tx, { regionCode: loan.regionCode, actor: who(actor), action: "parkCredit.loanRepaid", entityType: "parkCreditLoan", entityId: loan.id, before: { repaid: yuan(loan.repaidFen), status: loan.status }, after: { repaid: yuan(repaidFen), status } }, at);
  return getLoan(tx, actor, id, at);
}

/** The bank reports the loan overdue, or (once overdue) in default. */
export async function markLoan(tx: Db, actor: Actor, id: string, move: "overdue" | "default", input: { date: string; note: string }, at: Date): Promise<ParkLoanDetailView> {
  const { loan } = await lockLoan(tx, actor, id, move);
  const status: ParkLoanStatus = move === "overdue" ? "overdue" : "defaulted";
  await setStatus(tx, loan, { status }, at);
  await appendLoanEvent(tx, actor, loan, { kind: move === "overdue" ? "overdue" : "defaulted", amountFen: unpaidPrincipal(loan), date: input.date, note: input.note }, at);
  await recordAudit(tx, { regionCode: loan.regionCode, actor: who(actor), action: `parkCredit.loan${move === "overdue" ? "Overdue" : "Defaulted"}`, entityType: "parkCreditLoan", entityId: loan.id, before: { status: loan.status }, after: { status, note: input.note } }, at);
  return getLoan(tx, actor, id, at);
}

/** Pays the fund's share of a defaulted loan's unpaid principal from the bank's fund (never beyond the fund). */
export async function compensateLoan(tx: Db, actor: Actor, id: string, input: { date: string; documentNo: string; note: string }, at: Date): Promise<ParkLoanDetailView> {
  const { loan, bank } = await lockLoan(tx, actor, id, "compensate");
  const amountFen = compensationDue(unpaidPrincipal(loan), parseDecimal(bank.fundSharePercent, { maxDecimals: 2 }));
  const fund = fundTotals((await figuresOf(tx, bank.regionCode, [bank.id])).get(bank.id)!.movements).balanceFen;
  if (amountFen > fund) fail("FUND_INSUFFICIENT", `应代偿 ${yuan(amountFen)} 元，${bank.name}风险补偿金余额只有 ${yuan(fund)} 元，请先补足风险补偿金。`);
  if (amountFen > 0n) await insertMovement(tx, actor, bank, { kind: "compensation", amountFen, date: input.date, loanId: loan.id, documentNo: input.documentNo, note: input.note }, at);
  await setStatus(tx, loan, { status: "compensated" }, at);
  await appendLoanEvent(tx, actor, loan, { kind: "compensated", amountFen, date: input.date, note: `风险补偿金按 ${bank.fundSharePercent}% 代偿未还本金 ${yuan(unpaidPrincipal(loan))} 元${input.note ? `；${input.note}` : ""}` }, at);
  return getLoan(tx, actor, id, at);
}

/** The bank recovered money from a compensated loan: the fund's share goes back into the fund. */
export async function recoverLoan(tx: Db, actor: Actor, id: string, input: { recovered: string; date: string; documentNo: string; note: string }, at: Date): Promise<ParkLoanDetailView> {
  const { loan, bank } = await lockLoan(tx, actor, id, "recover");
  const recoveredFen = parseYuan(input.recovered);
  if (recoveredFen <= 0n) fail("VALIDATION_FAILED", "追偿收回金额须大于 0。", [{ path: "recovered", message: "须大于 0" }]);
  if (recoveredFen > unpaidPrincipal(loan)) fail("VALIDATION_FAILED", `收回金额 ${yuan(recoveredFen)} 元超过代偿时的未还本金 ${yuan(unpaidPrincipal(loan))} 元。`, [{ path: "recovered", message: "超过未还本金" }]);
  const { compensatedFen, returnedFen } = await loanFund(tx, loan);
  const back = recoveryReturn(recoveredFen, parseDecimal(bank.fundSharePercent, { maxDecimals: 2 }), compensatedFen, returnedFen);
  if (back <= 0n) fail("NOTHING_TO_RETURN", "代偿款已全部收回，无需再返还风险补偿金。");
  await insertMovement(tx, actor, bank, { kind: "recovery", amountFen: back, date: input.date, loanId: loan.id, documentNo: input.documentNo, note: input.note }, at);
  await appendLoanEvent(tx, actor, loan, { kind: "recovered", amountFen: back, date: input.date, note: `银行追偿收回 ${yuan(recoveredFen)} 元，按 ${bank.fundSharePercent}% 返还风险补偿金 ${yuan(back)} 元${input.note ? `；${input.note}` : ""}` }, at);
  await setStatus(tx, loan, {}, at);
  return getLoan(tx, actor, id, at);
}

async function loanFund(db: Db, loan: Pick<LoanRow, "regionCode" | "id">): Promise<{ compensatedFen: bigint; returnedFen: bigint }> {
  const rows = await db.select({ kind: parkCreditFundMovement.kind, amountFen: parkCreditFundMovement.amountFen }).from(parkCreditFundMovement).where(and(eq(parkCreditFundMovement.regionCode, loan.regionCode), eq(parkCreditFundMovement.loanId, loan.id)));
  const totals = fundTotals(rows);
  return { compensatedFen: totals.compensatedFen, returnedFen: totals.recoveredFen };
}

async function loanViews(db: Db, rows: LoanRow[], today: string): Promise<ParkLoanView[]> {
  if (rows.length === 0) return [];
  const banks = await db.select({ id: parkCreditBank.id, name: parkCreditBank.name }).from(parkCreditBank).where(inArray(parkCreditBank.id, [...new Set(rows.map((r) => r.bankId))]));
  const names = new Map(banks.map((b) => [b.id, b.name]));
  const moves = await db.select({ loanId: parkCreditFundMovement.loanId, kind: parkCreditFundMovement.kind, amountFen: parkCreditFundMovement.amountFen }).from(parkCreditFundMovement).where(inArray(parkCreditFundMovement.loanId, rows.map((r) => r.id)));
  return rows.map((r) => {
    const totals = fundTotals(moves.filter((m) => m.loanId === r.id));
    const unpaid = unpaidPrincipal(r);
    return {
      id: r.id,
      loanNo: r.loanNo,
      bankId: r.bankId,
      bankName: names.get(r.bankId) ?? "",
      enterpriseName: r.enterpriseName,
      creditCode: r.creditCode,
      parkName: r.parkName,
      amount: yuan(r.amountFen),
      startDate: r.startDate,
      termMonths: r.termMonths,
      dueDate: r.dueDate,
      annualRate: r.annualRate,
      status: r.status,
      statusName: parkLoanStatusNames[r.status],
      repaid: yuan(r.repaidFen),
      unpaid: yuan(unpaid),
      compensated: yuan(totals.compensatedFen),
      returnedToFund: yuan(totals.recoveredFen),
      pastDue: countsAsOutstanding(r.status) && r.dueDate < today && unpaid > 0n,
    };
  });
}

const eventNames: Record<string, string> = { granted: "放款", repaid: "还款", overdue: "逾期", defaulted: "违约", compensated: "代偿", recovered: "追偿收回" };

export async function getLoan(db: Db, actor: Actor, id: string, now: Date): Promise<ParkLoanDetailView> {
  const [loan] = await db.select().from(parkCreditLoan).where(and(eq(parkCreditLoan.id, id), scopeCondition(parkCreditLoan.regionCode, actor.scopePrefix)));
  if (!loan) return fail("OUT_OF_SCOPE", "贷款不存在或不在您的数据范围内。");
  const [bank] = await db.select().from(parkCreditBank).where(and(eq(parkCreditBank.regionCode, loan.regionCode), eq(parkCreditBank.id, loan.bankId)));
  const events = await db.select().from(parkCreditLoanEvent).where(and(eq(parkCreditLoanEvent.regionCode, loan.regionCode), eq(parkCreditLoanEvent.loanId, loan.id))).orderBy(asc(parkCreditLoanEvent.seq));
  const movements = await db.select().from(parkCreditFundMovement).where(and(eq(parkCreditFundMovement.regionCode, loan.regionCode), eq(parkCreditFundMovement.loanId, loan.id))).orderBy(asc(parkCreditFundMovement.movementDate), asc(parkCreditFundMovement.id));
  const share = bank!.fundSharePercent;
  return {
    ...(await loanViews(db, [loan], chinaDate(now)))[0]!,
    fundSharePercent: share,
    compensationIfDefaulted: yuan(countsAsOutstanding(loan.status) ? compensationDue(unpaidPrincipal(loan), parseDecimal(share, { maxDecimals: 2 })) : 0n),
    events: events.map((e) => ({ seq: e.seq, kind: e.kind, kindName: eventNames[e.kind] ?? e.kind, amount: yuan(e.amountFen), date: e.eventDate, note: e.note, actorName: e.actorName, at: e.at.toISOString() })),
    fundMovements: movements.map((m) => movementView(m, bank!.name, loan.loanNo)),
  };
}

function movementView(m: MovementRow, bankName: string, loanNo: string | null): ParkFundMovementView {
  return { id: m.id, bankId: m.bankId, bankName, kind: m.kind, kindName: fundMovementNames[m.kind], amount: yuan(m.amountFen), date: m.movementDate, loanNo, documentNo: m.documentNo, note: m.note };
}

export interface LoanFilter {
  q?: string | undefined;
  bankId?: string | undefined;
  status?: ParkLoanStatus | undefined;
  year?: number | undefined;
  pastDue?: "true" | "false" | undefined;
}

export async function listLoans(db: Db, actor: Actor, filter: LoanFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: ParkLoanView[]; total: number }> {
  const today = chinaDate(now);
  const conditions: SQL[] = [scopeCondition(parkCreditLoan.regionCode, actor.scopePrefix)];
  if (filter.q) conditions.push(or(ilike(parkCreditLoan.enterpriseName, containsPattern(filter.q)), ilike(parkCreditLoan.creditCode, containsPattern(filter.q)), ilike(parkCreditLoan.loanNo, containsPattern(filter.q)), ilike(parkCreditLoan.parkName, containsPattern(filter.q)))!);
  if (filter.bankId) conditions.push(eq(parkCreditLoan.bankId, filter.bankId));
  if (filter.status) conditions.push(eq(parkCreditLoan.status, filter.status));
  if (filter.year) conditions.push(sql`extract(year from ${parkCreditLoan.startDate}) = ${filter.year}`);
  const pastDue = sql`(${parkCreditLoan.status} in ('performing', 'overdue', 'defaulted') and ${parkCreditLoan.dueDate} < ${today} and ${parkCreditLoan.repaidFen} < ${parkCreditLoan.amountFen})`;
  if (filter.pastDue === "true") conditions.push(pastDue);
  if (filter.pastDue === "false") conditions.push(sql`not ${pastDue}`);
  const where = and(...conditions);
  const rows = await db.select().from(parkCreditLoan).where(where).orderBy(desc(parkCreditLoan.startDate), asc(parkCreditLoan.loanNo)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(parkCreditLoan).where(where);
  return { items: await loanViews(db, rows, today), total: count?.n ?? 0 };
}

/** The fund's movements of the caller's banks, newest first (paged). */
export async function listFundMovements(db: Db, actor: Actor, filter: { bankId?: string | undefined }, page: { limit: number; offset: number }): Promise<{ items: ParkFundMovementView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(parkCreditFundMovement.regionCode, actor.scopePrefix)];
  if (filter.bankId) conditions.push(eq(parkCreditFundMovement.bankId, filter.bankId));
  const where = and(...conditions);
  const rows = await db
    .select({ m: parkCreditFundMovement, bankName: parkCreditBank.name, loanNo: parkCreditLoan.loanNo })
    .from(parkCreditFundMovement)
    .innerJoin(parkCreditBank, and(eq(parkCreditBank.regionCode, parkCreditFundMovement.regionCode), eq(parkCreditBank.id, parkCreditFundMovement.bankId)))
    .leftJoin(parkCreditLoan, and(eq(parkCreditLoan.regionCode, parkCreditFundMovement.regionCode), eq(parkCreditLoan.id, parkCreditFundMovement.loanId)))
    .where(where)
    .orderBy(desc(parkCreditFundMovement.movementDate), desc(parkCreditFundMovement.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(parkCreditFundMovement).where(where);
  return { items: rows.map((r) => movementView(r.m, r.bankName, r.loanNo)), total: count?.n ?? 0 };
}
