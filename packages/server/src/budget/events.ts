// The budget domain's outbox topics, declared once: name and payload schema (docs/events.md is
// generated from these). The fiscal general ledger posts 补助收入 and 上解 from them.
import { z } from "zod";
import { appropriationFunds, fundNatures } from "@xiangcai/shared";
import { defineTopic, eventField as f } from "../platform/outbox.ts";

export const upperTransferRecordedTopic = defineTopic(
  "budget.upperTransferRecorded",
  z.strictObject({
    indicatorId: f.id(),
    regionCode: f.regionCode(),
    fiscalYear: f.count(),
    documentNo: f.text(),
    fundNature: z.enum(fundNatures),
    functionalCode: f.text(),
    amount: f.yuan(),
    summary: f.text(),
    recordedOn: f.date(),
  }),
  { producer: "budget", description: "a transfer from above was recorded in the budget: an indicator issued from an upper-level document (source `upperTransfer`), in that transaction" },
);

export const remittanceRecordedTopic = defineTopic(
  "budget.remittanceRecorded",
  z.strictObject({
    remittanceId: f.id(),
    regionCode: f.regionCode(),
    fiscalYear: f.count(),
    documentNo: f.text(),
    kind: z.enum(["system", "special"]),
    fund: z.enum(["generalBudget", "governmentFund"]),
    amount: f.yuan(),
    remittedOn: f.date(),
  }),
  { producer: "budget", description: "a remittance to the level above (上解, 体制 or 专项) was recorded, once per document" },
);

export const directPaymentCarriedOverTopic = defineTopic(
  "budget.directPaymentCarriedOver",
  z.strictObject({
    regionCode: f.regionCode(),
    budgetUnitId: f.id(),
    fiscalYear: f.count(),
    /** Unspent direct-payment indicators of the unit carried over to next year. */
    amount: f.yuan(),
    indicatorCount: f.count(),
    /**
     * `amount` split by the indicators' fund nature and 基本支出 / 项目支出 (budget/spending.ts), the parts
     * summing to it; absent on events stored before the split (all 一般公共预算 基本支出).
     */
    parts: z
      .array(z.strictObject({ fundNature: z.enum(fundNatures), expenditureKind: z.enum(["basic", "project"]), amount: f.yuan(), indicatorCount: f.count() }))
      .optional(),
  }),
  {
    producer: "budget",
    description:
      "the year end carried a unit's unspent direct-payment indicators of the year's own budget over (财政直接支付 not yet paid; money already carried in from last year is left out), in all and per fund nature and 基本支出 / 项目支出; the unit's ledger recognises each part as 财政应返还额度—财政直接支付 on the 6001 明细 of its appropriation and kind; one event per unit and year, in the year end's transaction",
  },
);


export const authorisedPaymentCarriedOverTopic = defineTopic(
  "budget.authorisedPaymentCarriedOver",
  z.strictObject({
    regionCode: f.regionCode(),
    budgetUnitId: f.id(),
    fiscalYear: f.count(),
    /** The unit's authorised-payment indicators of the year's own budget (not carried in): what they were issued at the year end. */
    issued: f.yuan(),
    /** Unspent authorised-payment indicators of the unit carried over to next year (the quota next year restores). */
    carriedOver: f.yuan(),
    indicatorCount: f.count(),
    /**
     * `issued` and `carriedOver` split by 基本支出 / 项目支出 (budget/spending.ts; carried-over money by the
     * kind of the indicator carried into next year) and fund (一般公共预算 / 政府性基金 / 国有资本经营:
     * budget/fund.ts), the entries summing to them; absent on events stored before quotas had a kind (all
     * 一般公共预算 基本支出); an entry without `fund` (stored before quotas had a fund) is 一般公共预算.
     */
    byKind: z
      .array(z.strictObject({ expenditureKind: z.enum(["basic", "project"]), fund: z.enum(appropriationFunds).optional(), issued: f.yuan(), carriedOver: f.yuan() }))
      .optional(),
  }),
  {
    producer: "budget",
    description:
      "the year end closed a unit's authorised-payment indicators (财政授权支付): their amount of the year's own budget and what was carried over, in all and per fund (一般公共预算 / 政府性基金 / 国有资本经营) and 基本支出 / 项目支出; the unit's ledger recognises the budget never released as quota of each fund and kind (财政应返还额度—财政授权支付) and restores the carried-over quota of each fund and kind from next year's quota of that fund and kind; one event per unit and year, in the year end's transaction",
  },
);
