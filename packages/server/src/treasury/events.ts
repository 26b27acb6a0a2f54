// The treasury's outbox topics, declared once: name and payload schema (docs/events.md is generated
// from these). Every payment event carries the payment's facts the ledger posts from.
import { z } from "zod";
import { appropriationFunds, fundNatures, paymentMethods } from "@xiangcai/shared";
import { defineTopic, eventField as f } from "../platform/outbox.ts";

const paymentFacts = {
  paymentId: f.id(),
  regionCode: f.regionCode(),
  budgetUnitId: f.id(),
  indicatorId: f.id(),
  /** The payment's amount (a refund's: the refunded amount). */
  amount: f.yuan(),
  method: z.enum(paymentMethods),
  functionalCode: f.text(),
  economicCode: f.text(),
  fundNature: z.enum(fundNatures),
  /** 基本支出 or 项目支出 of the indicator (budget/spending.ts); absent on events stored before it was added. */
  expenditureKind: z.enum(["basic", "project"]).optional(),
  /** The budget line's library project, when it has one. */
  projectId: f.id().nullable().optional(),
  /** What the unit ledger records as the project (项目支出); null for 基本支出. */
  project: f.text().nullable().optional(),
  payeeName: f.text(),
  purpose: f.text(),
  paidAt: f.date(),
};

export const paymentPaidTopic = defineTopic("treasury.paymentPaid", z.strictObject(paymentFacts), {
  producer: "treasury",
  description: "the bank paid a payment order (bank result imported), in that import's transaction",
});

export const paymentReturnedTopic = defineTopic("treasury.paymentReturned", z.strictObject({ ...paymentFacts, reason: f.text().nullable(), returnedAt: f.date() }), {
  producer: "treasury",
  description: "the bank returned a payment (退票); the reservation went back to the indicator",
});

export const paymentRefundedTopic = defineTopic("treasury.paymentRefunded", z.strictObject({ ...paymentFacts, refundId: f.id(), reason: f.text(), refundedAt: f.date() }), {
  producer: "treasury",
  description: "a payee sent back part or all of a paid payment (支付后退款); `amount` is the refunded amount; one event per refund",
});

export const quotaSetTopic = defineTopic(
  "treasury.quotaSet",
  z.strictObject({
    regionCode: f.regionCode(),
    budgetUnitId: f.id(),
    fiscalYear: z.number().int(),
    month: z.number().int().min(1).max(12),
    /** 基本支出 or 项目支出: the quota is issued per kind; absent on events stored before it was added (基本支出). */
    expenditureKind: z.enum(["basic", "project"]).optional(),
    /** 一般公共预算, 政府性基金 or 国有资本经营: the quota is issued per fund too; absent on events stored before it was added (一般公共预算). */
    fund: z.enum(appropriationFunds).optional(),
    /** The month's quota before and after; the ledger posts the change. */
    before: f.yuan(),
    after: f.yuan(),
    setOn: f.date(),
  }),
  { producer: "treasury", description: "an authorised-payment quota (授权支付额度) of a unit, month, kind (基本支出 / 项目支出) and fund (一般公共预算 / 政府性基金 / 国有资本经营) was set or changed; the unit's ledger posts the quota received (or taken back) for the change on the 6001 明细 of the fund and kind" },
);

export const revenueReportedTopic = defineTopic(
  "treasury.revenueReported",
  z.strictObject({
    reportId: f.id(),
    regionCode: f.regionCode(),
    reportDate: f.date(),
    lines: z.array(
      z.strictObject({
        revenueCode: f.text(),
        revenueName: f.text(),
        fund: z.enum(["generalBudget", "governmentFund", "stateCapital"]),
        /** Negative: refunded out of the treasury (退库). */
        amount: z.string().regex(/^-?[0-9]+\.[0-9]{2}$/).describe("signed yuan"),
      }),
    ),
  }),
  { producer: "treasury", description: "a day of revenue in the treasury (国库收入日报) was entered or imported: its lines by revenue class, once per report" },
);

// Not a payment's money facts (paymentFacts): a payment just entered has moved no money yet.
export const paymentEnteredTopic = defineTopic(
  "treasury.paymentEntered",
  z.strictObject({
    paymentId: f.id(),
    regionCode: f.regionCode(),
    budgetUnitId: f.id(),
    indicatorId: f.id(),
    amount: f.yuan(),
    payeeName: f.text(),
    /** Files uploaded and paper documents listed with the entry. */
    attachmentCount: f.count(),
    enteredOn: f.date(),
  }),
  { producer: "treasury", description: "a payment order was entered (录入), before any review and before money moves: fund supervision runs its 事前 rules on payments for the township on its next tick" },
);
