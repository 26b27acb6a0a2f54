// What every part of the debt domain shares: its error codes, its settings, the debt event writer,
// and loading a township's debts as the facts the pure rules read.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { formatDecimal } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { decimalFields, defineSetting } from "../platform/settings.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { paymentRequest } from "../treasury/index.ts";
import { DEFAULT_THRESHOLDS, parseThresholds, type DebtFacts, type RatioThresholds, type RepaymentFacts } from "./rules.ts";
import { debt, debtEvent, debtRepayment, debtScheduleLine } from "./tables.ts";

export const fail = defineErrorCodes({
  DEBT_HAS_REPAYMENTS: 409,
  REPAYMENT_EXCEEDS: 409,
  DEBT_SETTLED: 409,
  SCHEDULE_INVALID: 400,
  METHOD_MISMATCH: 409,
});

export const thresholdsSetting = defineSetting<RatioThresholds>({
  key: "debt.warningThresholds",
  name: "债务率预警线（%）",
  description: "债务率 = 债务余额 / 综合财力 × 100%。达到黄线为黄色预警、橙线为橙色、红线为红色，低于黄线为绿色。默认 120 / 200 / 300。",
  kind: "fields",
  form: decimalFields("%", ["yellow", "黄线"], ["orange", "橙线"], ["red", "红线"]),

  levels: ["district"],
  parse: parseThresholds,
  fallback: parseThresholds(DEFAULT_THRESHOLDS),
  toJson: (t) => ({ yellow: formatDecimal(t.yellow), orange: formatDecimal(t.orange), red: formatDecimal(t.red) }),
});

export type DebtRow = typeof debt.$inferSelect;

export const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

/** Appends to a debt's history (the table refuses changes): who, when, what before and after. */
export async function appendDebtEvent(tx: Db, row: Pick<DebtRow, "regionCode" | "id">, event: { kind: string; before?: unknown; after: unknown; actor: Actor | null; at: Date }): Promise<void> {
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${debtEvent.seq}), 0)::int` })
    .from(debtEvent)
    .where(and(eq(debtEvent.regionCode, row.regionCode), eq(debtEvent.debtId, row.id)));
  await tx.insert(debtEvent).values({
    regionCode: row.regionCode,
    debtId: row.id,
    seq: (last?.seq ?? 0) + 1,
    kind: event.kind,
    before: event.before ?? null,
    after: event.after,
    actorId: event.actor?.userId ?? null,
    actorName: event.actor?.displayName ?? "系统",
    at: event.at,
  });
}

/** A treasury payment's state as a repayment: paid counts, returned or cancelled does not, anything else is on its way. */
export function repaymentState(status: string): RepaymentFacts["state"] {
  return status === "paid" ? "paid" : status === "returned" || status === "cancelled" ? "void" : "pending";
}

export interface LoadedRepayment extends RepaymentFacts {
  id: string;
  paymentId: string;
  paymentNo: string;
  paymentStatus: string;
  paidAt: Date | null;
  createdAt: Date;
  scheduleVersion: number;
}

export interface LoadedDebt {
  row: DebtRow;
  facts: DebtFacts;
  repayments: LoadedRepayment[];
}

/** Debts (rows matching `where`) with their current schedule and their repayments, as facts for the rules. */
export async function loadDebts(db: Db, where: SQL): Promise<LoadedDebt[]> {
  const rows = await db.select().from(debt).where(where).orderBy(asc(debt.regionCode), asc(debt.debtNo));
  if (rows.length === 0) return [];
  const out: LoadedDebt[] = [];
  const regions = [...new Set(rows.map((r) => r.regionCode))];
  const ids = rows.map((r) => r.id);
  const lines = await db.select().from(debtScheduleLine).where(and(inArray(debtScheduleLine.regionCode, regions), inArray(debtScheduleLine.debtId, ids))).orderBy(asc(debtScheduleLine.period));
  const repayments = await db
    .select({ r: debtRepayment, status: paymentRequest.status, paymentNo: paymentRequest.paymentNo, paidAt: paymentRequest.paidAt })
    .from(debtRepayment)
    .innerJoin(paymentRequest, and(eq(paymentRequest.regionCode, debtRepayment.regionCode), eq(paymentRequest.id, debtRepayment.paymentId)))
    .where(and(inArray(debtRepayment.regionCode, regions), inArray(debtRepayment.debtId, ids)))
    .orderBy(asc(debtRepayment.createdAt));
  for (const row of rows) {
    const own = repayments
      .filter((x) => x.r.regionCode === row.regionCode && x.r.debtId === row.id && x.r.scheduleVersion === row.scheduleVersion)
      .map((x) => ({
        id: x.r.id,
        paymentId: x.r.paymentId,
        paymentNo: x.paymentNo,
        paymentStatus: x.status,
        paidAt: x.paidAt,
        createdAt: x.r.createdAt,
        scheduleVersion: x.r.scheduleVersion,
        period: x.r.period,
        principalFen: x.r.principalFen,
        interestFen: x.r.interestFen,
        state: repaymentState(x.status),
        paidDate: x.status === "paid" && x.paidAt ? chinaDate(x.paidAt) : null,
      }));
    const facts: DebtFacts = {
      kind: row.kind,
      isHidden: row.isHidden,
      principalFen: row.principalFen,
      startDate: row.startDate,
      lines: lines.filter((l) => l.regionCode === row.regionCode && l.debtId === row.id && l.version === row.scheduleVersion).map((l) => ({ period: l.period, dueDate: l.dueDate, principalFen: l.principalFen, interestFen: l.interestFen })),
      repayments: own,
    };
    out.push({ row, facts, repayments: own });
  }
  return out;
}
