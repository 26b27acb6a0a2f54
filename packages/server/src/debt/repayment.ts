// Repayments (还本付息) are treasury payments: repaying a schedule line enters a payment request on a
// debt-service indicator (treasury's face: the indicator reserves, the flow reviews, the bank pays) and
// links it to the line with its principal and interest. The register counts a repayment once the bank
// paid it; the ledger posts the voucher of the paid payment, split into the liability relieved and
// the interest, through repaymentOfPayment (this domain's face).
import { and, eq } from "drizzle-orm";
import { formatYuan, type DebtDetailView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import { createPayment } from "../treasury/index.ts";
import { appendDebtEvent, fail, loadDebts, who } from "./common.ts";
import { getDebt } from "./register.ts";
import { liabilityAccountOf, lineState } from "./rules.ts";
import { debt, debtRepayment, type DebtKind } from "./tables.ts";

export interface RepayInput {
  period: number;
  indicatorId: string;
  principalFen: bigint;
  interestFen: bigint;
  payeeAccount: string;
  payeeBank: string;
  payeeCreditCode?: string | undefined;
}

/**
 * Enters the repayment of (part of) a schedule line as a treasury payment to the creditor. Refused
 * beyond what the line still owes (what the bank paid and what is on its way both count), on a
 * settled debt, or on an indicator of another township.
 */
export async function repayLine(tx: Db, actor: Actor, id: string, input: RepayInput, at: Date): Promise<DebtDetailView> {
  const [row] = await tx.select().from(debt).where(and(eq(debt.id, id), scopeCondition(debt.regionCode, actor.scopePrefix))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "债务不存在或不在您的数据范围内。");
  if (row.status === "settled") fail("DEBT_SETTLED", "该债务已结清。");
  const [loaded] = await loadDebts(tx, and(eq(debt.regionCode, row.regionCode), eq(debt.id, row.id))!);
  const line = loaded!.facts.lines.find((l) => l.period === input.period);
  if (!line) return fail("VALIDATION_FAILED", `还本付息计划没有第 ${input.period} 期。`, [{ path: "period", message: "期次不存在" }]);
  const total = input.principalFen + input.interestFen;
  if (input.principalFen < 0n || input.interestFen < 0n || total <= 0n) fail("VALIDATION_FAILED", "还款本金与利息合计须大于 0。", [{ path: "principal", message: "金额须大于 0" }]);
  const state = lineState(line, loaded!.facts.repayments, "0000-01-01");
  let pendingPrincipal = 0n;
  let pendingInterest = 0n;
  for (const r of loaded!.facts.repayments) {
    if (r.period === line.period && r.state === "pending") {
      pendingPrincipal += r.principalFen;
      pendingInterest += r.interestFen;
    }
  }
  const principalLeft = line.principalFen - state.paidPrincipalFen - pendingPrincipal;
  const interestLeft = line.interestFen - state.paidInterestFen - pendingInterest;
  if (input.principalFen > principalLeft || input.interestFen > interestLeft) {
    fail("REPAYMENT_EXCEEDS", `第 ${line.period} 期尚可偿还本金 ${formatYuan(principalLeft > 0n ? principalLeft : 0n)} 元、利息 ${formatYuan(interestLeft > 0n ? interestLeft : 0n)} 元（已付和在途的还款已扣除）。`, [{ path: "principal", message: "超过该期应还金额" }]);
  }
  const [indicator] = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, row.regionCode), eq(budgetIndicator.id, input.indicatorId)));
  if (!indicator) return fail("VALIDATION_FAILED", "请选择本乡镇的偿债预算指标。", [{ path: "indicatorId", message: "指标不存在或不属于该乡镇" }]);
  const creditCode = input.payeeCreditCode?.trim().toUpperCase() || row.creditorCreditCode;
  if (!creditCode) fail("VALIDATION_FAILED", "请填写债权人的统一社会信用代码（收款单位）。", [{ path: "payeeCreditCode", message: "请填写" }]);
  const payment = await createPayment(
    tx,
    actor,
    null,
    {
      indicatorId: indicator.id,
      payee: { kind: "organisation", name: row.creditorName, creditCode: creditCode!, account: input.payeeAccount, bank: input.payeeBank },
      amountFen: total,
      purpose: `偿还${row.name}第${line.period}期${input.principalFen > 0n ? "本金" : ""}${input.interestFen > 0n ? "利息" : ""}（${row.debtNo}）`.slice(0, 200),
      method: indicator.paymentMethod,
      attachments: [row.documentNo],
    },
    at,
  );
  const repaymentId = uuidv7(at.getTime());
  await tx.insert(debtRepayment).values({ regionCode: row.regionCode, id: repaymentId, debtId: row.id, scheduleVersion: row.scheduleVersion, period: line.period, principalFen: input.principalFen, interestFen: input.interestFen, paymentId: payment.id, createdBy: actor.userId, createdAt: at });
  const after = { period: line.period, principal: formatYuan(input.principalFen), interest: formatYuan(input.interestFen), paymentNo: payment.paymentNo, indicator: indicator.documentNo };
  await appendDebtEvent(tx, row, { kind: "repaymentEntered", after, actor, at });
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "debt.repaymentEntered", entityType: "debt", entityId: row.id, after }, at);
  return getDebt(tx, actor, id, at);
}

export interface RepaymentOfPayment {
  debtNo: string;
  debtName: string;
  kind: DebtKind;
  period: number;
  principalFen: bigint;
  interestFen: bigint;
  /** The liability the principal relieves (2502 bonds, 2501 loans, 2302 arrears, 2307 other). */
  liabilityAccount: string;
}

/** The debt repayment a treasury payment makes, if it makes one (for the ledger's posting). */
export async function repaymentOfPayment(db: Db, regionCode: string, paymentId: string): Promise<RepaymentOfPayment | null> {
  const [found] = await db
    .select({ r: debtRepayment, debtNo: debt.debtNo, name: debt.name, kind: debt.kind })
    .from(debtRepayment)
    .innerJoin(debt, and(eq(debt.regionCode, debtRepayment.regionCode), eq(debt.id, debtRepayment.debtId)))
    .where(and(eq(debtRepayment.regionCode, regionCode), eq(debtRepayment.paymentId, paymentId)));
  if (!found) return null;
  return { debtNo: found.debtNo, debtName: found.name, kind: found.kind, period: found.r.period, principalFen: found.r.principalFen, interestFen: found.r.interestFen, liabilityAccount: liabilityAccountOf(found.kind) };
}
