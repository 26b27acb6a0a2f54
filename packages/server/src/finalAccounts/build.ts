// Reads what a township's final accounts are built from — the fiscal general books (ledger's face), the
// approved and adjusted budget (budget's face), what the treasury and the subsidy office paid, the debt
// register, its units' books and the catalogue's names — and hands it to the pure shapes.
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { parseYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDayStart } from "../platform/workingDays.ts";
import { accountSetsOfTownship, ledgerVoucher, ledgerVoucherLine, setYearFigures } from "../ledger/index.ts";
import { approvedBudgetOf, appropriationFunds, budgetIndicator, expenditureKinds, unitCarryOverFacts } from "../budget/index.ts";
import { paymentQuota, paymentRefund, paymentRequest } from "../treasury/index.ts";
import { subsidyItem, subsidyLinePayment, subsidyRecovery, subsidyRecoveryReceipt, subsidyRoster } from "../subsidy/index.ts";
import { debtYearPosition } from "../debt/index.ts";
import { classificationNames } from "../catalog/index.ts";
import { budgetUnit } from "../org/index.ts";
import { buildTables, noAuthorisedFacts, type Fund, type PaidLine, type TownshipYear, type UnitAppropriationFacts } from "./shapes.ts";
import { finalAccountNote } from "./tables.ts";
import type { FinalContent } from "./rules.ts";

const fundOfNature = (nature: string): Fund => (nature === "governmentFund" ? "governmentFund" : nature === "stateCapital" ? "stateCapital" : "generalBudget");

/** The first instant of a year in China time. */
export const yearStart = (year: number) => chinaDayStart(`${year}-01-01`);

/** What the treasury paid in the year (bank results, net of refunds) and the subsidy office paid (net of recoveries), by budget, class and unit. */
export async function paidInYear(db: Db, regionCode: string, year: number): Promise<PaidLine[]> {
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const paid = await db
    .select({ nature: budgetIndicator.fundNature, functionalCode: budgetIndicator.functionalCode, budgetUnitId: paymentRequest.budgetUnitId, fen: sql<string>`sum(${paymentRequest.amountFen})::text` })
    .from(paymentRequest)
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, paymentRequest.regionCode), eq(budgetIndicator.id, paymentRequest.indicatorId)))
    .where(and(eq(paymentRequest.regionCode, regionCode), eq(paymentRequest.status, "paid"), gte(paymentRequest.paidAt, from), lt(paymentRequest.paidAt, to)))
    .groupBy(budgetIndicator.fundNature, budgetIndicator.functionalCode, paymentRequest.budgetUnitId);
  const refunded = await db
    .select({ nature: budgetIndicator.fundNature, functionalCode: budgetIndicator.functionalCode, budgetUnitId: paymentRequest.budgetUnitId, fen: sql<string>`sum(${paymentRefund.amountFen})::text` })
    .from(paymentRefund)
    .innerJoin(paymentRequest, and(eq(paymentRequest.regionCode, paymentRefund.regionCode), eq(paymentRequest.id, paymentRefund.paymentId)))
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, paymentRequest.regionCode), eq(budgetIndicator.id, paymentRequest.indicatorId)))
    .where(and(eq(paymentRefund.regionCode, regionCode), gte(paymentRefund.refundedAt, from), lt(paymentRefund.refundedAt, to)))
    .groupBy(budgetIndicator.fundNature, budgetIndicator.functionalCode, paymentRequest.budgetUnitId);
  const first = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  const subsidies = await db
    .select({ functionalCode: subsidyItem.functionalCode, fen: sql<string>`sum(${subsidyLinePayment.amountFen})::text` })
    .from(subsidyLinePayment)
    .innerJoin(subsidyRoster, and(eq(subsidyRoster.regionCode, subsidyLinePayment.regionCode), eq(subsidyRoster.id, subsidyLinePayment.rosterId)))
    .innerJoin(subsidyItem, and(eq(subsidyItem.regionCode, subsidyRoster.regionCode), eq(subsidyItem.code, subsidyRoster.itemCode)))
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), gte(subsidyLinePayment.paidOn, first), lt(subsidyLinePayment.paidOn, next)))
    .groupBy(subsidyItem.functionalCode);
  const recovered = await db
    .select({ functionalCode: subsidyItem.functionalCode, fen: sql<string>`sum(${subsidyRecoveryReceipt.amountFen})::text` })
    .from(subsidyRecoveryReceipt)
    .innerJoin(subsidyRecovery, and(eq(subsidyRecovery.regionCode, subsidyRecoveryReceipt.regionCode), eq(subsidyRecovery.id, subsidyRecoveryReceipt.recoveryId)))
    .innerJoin(subsidyRoster, and(eq(subsidyRoster.regionCode, subsidyRecovery.regionCode), eq(subsidyRoster.id, subsidyRecovery.rosterId)))
    .innerJoin(subsidyItem, and(eq(subsidyItem.regionCode, subsidyRoster.regionCode), eq(subsidyItem.code, subsidyRoster.itemCode)))
    .where(and(eq(subsidyRecoveryReceipt.regionCode, regionCode), gte(subsidyRecoveryReceipt.recoveredOn, first), lt(subsidyRecoveryReceipt.recoveredOn, next)))
    .groupBy(subsidyItem.functionalCode);
  return [
    ...paid.map((r): PaidLine => ({ fund: fundOfNature(r.nature), functionalCode: r.functionalCode, budgetUnitId: r.budgetUnitId, source: "treasury", amountFen: BigInt(r.fen) })),
    ...refunded.map((r): PaidLine => ({ fund: fundOfNature(r.nature), functionalCode: r.functionalCode, budgetUnitId: r.budgetUnitId, source: "treasury", amountFen: -BigInt(r.fen) })),
    ...subsidies.map((r): PaidLine => ({ fund: "generalBudget", functionalCode: r.functionalCode, budgetUnitId: null, source: "subsidy", amountFen: BigInt(r.fen) })),
    ...recovered.map((r): PaidLine => ({ fund: "generalBudget", functionalCode: r.functionalCode, budgetUnitId: null, source: "subsidy", amountFen: -BigInt(r.fen) })),
  ];
}

/**
 * What the township gave each budget unit in the year as 财政拨款 (shapes.ts townshipSideOfUnit): direct
 * payments paid in the year from the year's own indicators net of refunds, the year's authorised quota,
 * and the budget's carry-over facts.
 */
export async function unitAppropriationsOf(db: Db, regionCode: string, year: number): Promise<Map<string, UnitAppropriationFacts>> {
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const facts = new Map<string, UnitAppropriationFacts>();
  const of = (unit: string) => {
    let f = facts.get(unit);
    if (!f) facts.set(unit, (f = { directPaidFen: 0n, authorised: noAuthorisedFacts(), yearClosed: false, directCarriedFen: 0n }));
    return f;
  };
  const ownDirect = and(eq(paymentRequest.method, "direct"), sql`${budgetIndicator.carriedFromId} is null`);
  const paid = await db
    .select({ unit: paymentRequest.budgetUnitId, fen: sql<string>`sum(${paymentRequest.amountFen})::text` })
    .from(paymentRequest)
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, paymentRequest.regionCode), eq(budgetIndicator.id, paymentRequest.indicatorId)))
    .where(and(eq(paymentRequest.regionCode, regionCode), eq(paymentRequest.status, "paid"), gte(paymentRequest.paidAt, from), lt(paymentRequest.paidAt, to), ownDirect))
    .groupBy(paymentRequest.budgetUnitId);
  for (const r of paid) of(r.unit).directPaidFen += BigInt(r.fen);
  const refunded = await db
    .select({ unit: paymentRequest.budgetUnitId, fen: sql<string>`sum(${paymentRefund.amountFen})::text` })
    .from(paymentRefund)
    .innerJoin(paymentRequest, and(eq(paymentRequest.regionCode, paymentRefund.regionCode), eq(paymentRequest.id, paymentRefund.paymentId)))
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, paymentRequest.regionCode), eq(budgetIndicator.id, paymentRequest.indicatorId)))
    .where(and(eq(paymentRefund.regionCode, regionCode), gte(paymentRefund.refundedAt, from), lt(paymentRefund.refundedAt, to), ownDirect))
    .groupBy(paymentRequest.budgetUnitId);
  for (const r of refunded) of(r.unit).directPaidFen -= BigInt(r.fen);
  const quotas = await db
    .select({ unit: paymentQuota.budgetUnitId, kind: paymentQuota.expenditureKind, fund: paymentQuota.fund, fen: sql<string>`sum(${paymentQuota.quotaFen})::text` })
    .from(paymentQuota)
    .where(and(eq(paymentQuota.regionCode, regionCode), eq(paymentQuota.fiscalYear, year)))
    .groupBy(paymentQuota.budgetUnitId, paymentQuota.expenditureKind, paymentQuota.fund);
  for (const r of quotas) of(r.unit).authorised[r.fund][r.kind].quotaFen += BigInt(r.fen);
  const carry = await unitCarryOverFacts(db, regionCode, year);
  for (const [unit, c] of carry.units) {
    const f = of(unit);
    for (const fund of appropriationFunds) {
      for (const kind of expenditureKinds) {
        f.authorised[fund][kind].restorableFen = c.authorisedCarriedInFen[fund][kind];
        f.authorised[fund][kind].issuedFen = c.authorisedIssuedFen[fund][kind];
      }
    }
    f.directCarriedFen = c.directCarriedOutFen;
  }
  for (const f of facts.values()) f.yearClosed = carry.yearClosed;
  return facts;
}

/** A unit set's 财政拨款预算收入 (6001) of the year from vouchers entered by hand (no source event), closing left out. */
async function handEnteredAppropriationFen(db: Db, set: { regionCode: string; id: string }, year: number): Promise<bigint> {
  const [row] = await db
    .select({ fen: sql<string>`coalesce(sum(${ledgerVoucherLine.creditFen} - ${ledgerVoucherLine.debitFen}), 0)::text` })
    .from(ledgerVoucher)
    .innerJoin(ledgerVoucherLine, and(eq(ledgerVoucherLine.regionCode, ledgerVoucher.regionCode), eq(ledgerVoucherLine.voucherId, ledgerVoucher.id)))
    .where(
      and(
        eq(ledgerVoucher.regionCode, set.regionCode),
        eq(ledgerVoucher.setId, set.id),
        eq(ledgerVoucher.status, "posted"),
        eq(ledgerVoucher.year, year),
        sql`${ledgerVoucher.kind} <> 'closing'`,
        sql`${ledgerVoucher.source} is null`,
        sql`${ledgerVoucherLine.accountCode} like '6001%'`,
      ),
    );
  return BigInt(row?.fen ?? "0");
}

/** Everything a township's final accounts of a year are shaped from. */
export async function readTownshipYear(db: Db, regionCode: string, year: number): Promise<TownshipYear> {
  const sets = await accountSetsOfTownship(db, regionCode);
  const fiscalSet = sets.find((s) => s.kind === "fiscal");
  const fiscal = fiscalSet ? await setYearFigures(db, fiscalSet, year) : null;
  const approved = await approvedBudgetOf(db, regionCode, year);
  const adjusted = await db
    .select({ nature: budgetIndicator.fundNature, functionalCode: budgetIndicator.functionalCode, fen: sql<string>`sum(${budgetIndicator.issuedFen})::text` })
    .from(budgetIndicator)
    .where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.fiscalYear, year)))
    .groupBy(budgetIndicator.fundNature, budgetIndicator.functionalCode);
  const paid = await paidInYear(db, regionCode, year);
  const debt = await debtYearPosition(db, regionCode, year);
  const unitSets = sets.filter((s) => s.kind === "unit" && s.budgetUnitId);
  const unitNames = unitSets.length
    ? new Map(
        (await db.select({ id: budgetUnit.id, name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, regionCode), inArray(budgetUnit.id, unitSets.map((s) => s.budgetUnitId!))))).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  const units: TownshipYear["units"][number][] = [];
  for (const s of unitSets.sort((a, b) => a.code.localeCompare(b.code))) {
    const figures = await setYearFigures(db, s, year);
    if (figures) units.push({ budgetUnitId: s.budgetUnitId!, unitName: unitNames.get(s.budgetUnitId!) ?? s.name, figures, handEnteredAppropriationFen: await handEnteredAppropriationFen(db, s, year) });
  }
  const revenueCodes = new Set<string>();
  const functionCodes = new Set<string>();
  const prefixes = (code: string | null | undefined, into: Set<string>) => {
    if (!code) return;
    for (const n of [3, 5, 7]) if (code.length >= n) into.add(code.slice(0, n));
  };
  for (const l of fiscal?.lines ?? []) {
    prefixes(l.revenueCode, revenueCodes);
    prefixes(l.functionalCode, functionCodes);
  }
  for (const u of units) for (const l of u.figures.lines) prefixes(l.functionalCode, functionCodes);
  for (const r of approved?.revenue ?? []) prefixes(r.revenueCode, revenueCodes);
  for (const e of approved?.expenditure ?? []) prefixes(e.functionalCode, functionCodes);
  for (const a of adjusted) prefixes(a.functionalCode, functionCodes);
  for (const p of paid) prefixes(p.functionalCode, functionCodes);
  return {
    year,
    fiscal,
    budget: approved,
    adjusted: adjusted.map((a) => ({ fund: fundOfNature(a.nature), functionalCode: a.functionalCode, amountFen: BigInt(a.fen) })),
    paid,
    debt,
    revenueNames: await classificationNames(db, regionCode, year, "revenue", [...revenueCodes]),
    functionNames: await classificationNames(db, regionCode, year, "functional", [...functionCodes]),
    units,
    unitAppropriations: await unitAppropriationsOf(db, regionCode, year),
  };
}

/** A township's final-account content for a year, as the report keeps it. */
export async function buildFinalContent(db: Db, regionCode: string, year: number): Promise<FinalContent> {
  const [place] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode));
  const y = await readTownshipYear(db, regionCode, year);
  const built = buildTables(y, (yuan) => parseYuan(yuan, { allowNegative: true }));
  const [note] = await db.select({ text: finalAccountNote.text }).from(finalAccountNote).where(and(eq(finalAccountNote.regionCode, regionCode), eq(finalAccountNote.fiscalYear, year)));
  return { regionCode, regionName: place?.name ?? regionCode, year, hasBooks: y.fiscal !== null, tables: built.tables, units: built.units, note: note?.text ?? "" };
}
