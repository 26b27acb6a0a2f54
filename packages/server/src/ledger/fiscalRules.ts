// Pure posting rules of the township's fiscal general accounting (财政总会计, 财库〔2022〕41号, dual
// basis): which accounts of the fiscal chart (data/fiscal-general-chart.csv) a treasury payment, a
// subsidy payment, a transfer from above (补助收入), a remittance up (上解) and a day of revenue in the
// treasury (国库收入日报) debit and credit. Every voucher has a financial side (accrual: revenue,
// expense, 国库存款) and a budget side (cash: budget revenue or expenditure against 资金结存), each
// balanced on its own. No database, no HTTP: the fiscal consumer loads, calls these, and writes.
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { accountNamePath, SUMMARY_LENGTH_MAX, VOUCHER_LINES_MAX, type Aux, type ChartAccount, type LineInput, type VoucherInput } from "./rules.ts";

/** The budgets the fiscal books keep apart (each closes into its own 结转结余). */
export type FiscalFund = "generalBudget" | "governmentFund" | "stateCapital" | "specialAccount" | "specialFund";
export const fiscalFundNames: Record<FiscalFund, string> = {
  generalBudget: "一般公共预算",
  governmentFund: "政府性基金预算",
  stateCapital: "国有资本经营预算",
  specialAccount: "财政专户管理资金",
  specialFund: "专用基金",
};

/** The fiscal chart's accounts the rules post to. */
export const FISCAL_ACCOUNTS = {
  treasuryDeposit: "1001",
  taxRevenue: "4001",
  nonTaxRevenue: "4002",
  transferRevenue: "4011",
  remittanceExpense: "5012",
  treasuryCash: "800101",
} as const;

/** 本级收入 and 本级支出 of each budget. */
export const OWN_REVENUE_ACCOUNT: Record<"generalBudget" | "governmentFund" | "stateCapital", string> = { generalBudget: "6001", governmentFund: "6002", stateCapital: "6003" };
export const OWN_EXPENDITURE_ACCOUNT: Record<"generalBudget" | "governmentFund" | "stateCapital", string> = { generalBudget: "7001", governmentFund: "7002", stateCapital: "7003" };
/** The 明细 of transfer accounts by budget (补助收入 601101…, 上解支出 701201…). */
const TRANSFER_DETAIL: Record<"generalBudget" | "governmentFund" | "stateCapital", string> = { generalBudget: "01", governmentFund: "02", stateCapital: "03" };
/** Where each budget's revenue and expenditure close at year end. */
export const CARRYOVER_ACCOUNT: Record<FiscalFund, string> = { generalBudget: "8031", governmentFund: "8032", stateCapital: "8033", specialAccount: "8035", specialFund: "8037" };

const debit = (account: string, fen: bigint, aux?: Aux): LineInput => ({ account, debitFen: fen, creditFen: 0n, ...(aux ? { aux } : {}) });
const credit = (account: string, fen: bigint, aux?: Aux): LineInput => ({ account, debitFen: 0n, creditFen: fen, ...(aux ? { aux } : {}) });
const summaryOf = (text: string) => text.slice(0, SUMMARY_LENGTH_MAX);

/** The budget of a payment's fund nature: upper transfers and other funds are spent in the general budget. */
export function budgetOfFundNature(fundNature: string): "generalBudget" | "governmentFund" | "stateCapital" {
  if (fundNature === "governmentFund") return "governmentFund";
  if (fundNature === "stateCapital") return "stateCapital";
  return "generalBudget";
}

/**
 * The expense (拨款费用) a payment is, by the department economic class of its indicator and the kind
 * of unit paid for: 工资福利, 商品和服务 and 资本性 spending of an administrative unit are the
 * government's own; a public institution's are 对事业单位补助; the other classes say who receives.
 */
export function fiscalExpenseAccountOf(economicCode: string, unitKind?: string): string {
  const cls = economicCode.slice(0, 3);
  if (cls === "303") return "5006";
  if (cls === "307") return "5101";
  if (cls === "311" || cls === "312") return "5005";
  if (cls === "313") return "5007";
  const ownSpending = ["301", "302", "309", "310"].includes(cls);
  if (ownSpending && unitKind === "publicInstitution") return "5004";
  if (cls === "301") return "5001";
  if (cls === "302") return "5002";
  if (cls === "309" || cls === "310") return "5003";
  return "5008";
}

export interface FiscalSpendingFacts {
  amount: string;
  functionalCode: string;
  economicCode: string;
  fundNature: string;
  payeeName?: string | undefined;
  unitKind?: string | undefined;
}

function spendingAux(p: FiscalSpendingFacts): Aux {
  return { functional: p.functionalCode, ...(p.economicCode ? { economic: p.economicCode } : {}), ...(p.payeeName ? { payee: p.payeeName.slice(0, 100) } : {}) };
}

/**
 * A treasury payment paid (本级支出 by functional class): Dr 拨款费用 / Cr 国库存款 on the financial
 * side, Dr 本级支出 of the payment's budget / Cr 库款资金结存 on the budget side. Direct and
 * authorised payments alike: both are paid out of the treasury single account.
 */
export function fiscalPaymentPaidVoucher(p: FiscalSpendingFacts & { purpose: string; paidAt: string; method: "direct" | "authorised" }): VoucherInput {
  const fen = parseYuan(p.amount);
  const aux = spendingAux(p);
  return {
    date: p.paidAt.slice(0, 10),
    summary: summaryOf(`${p.method === "direct" ? "国库集中支付（直接支付）" : "国库集中支付（授权支付）"}：${p.purpose}（${p.payeeName ?? ""}）`),
    lines: [
      debit(fiscalExpenseAccountOf(p.economicCode, p.unitKind), fen, aux),
      credit(FISCAL_ACCOUNTS.treasuryDeposit, fen),
      debit(OWN_EXPENDITURE_ACCOUNT[budgetOfFundNature(p.fundNature)], fen, aux),
      credit(FISCAL_ACCOUNTS.treasuryCash, fen),
    ],
  };
}

/** Subsidies paid to residents' cards out of the treasury: 本级支出 like any payment. */
export function fiscalSubsidyPaidVoucher(p: { amount: string; functionalCode: string; economicCode: string; itemName: string; lineCount: number; paidAt: string }): VoucherInput {
  const fen = parseYuan(p.amount);
  const aux = spendingAux({ ...p, fundNature: "generalBudget" });
  return {
    date: p.paidAt.slice(0, 10),
    summary: summaryOf(`惠民惠农补贴发放：${p.itemName}（${p.lineCount}人）`),
    lines: [debit(fiscalExpenseAccountOf(p.economicCode), fen, aux), credit(FISCAL_ACCOUNTS.treasuryDeposit, fen), debit(OWN_EXPENDITURE_ACCOUNT.generalBudget, fen, aux), credit(FISCAL_ACCOUNTS.treasuryCash, fen)],
  };
}

/** A wrong subsidy payment's money back in the treasury within the year: the paid entries the other way round. */
export function fiscalSubsidyRecoveredVoucher(p: { amount: string; functionalCode: string; economicCode: string; itemName: string; lineNo: number; recoveredAt: string }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return { ok: false, reason: "BAD_AMOUNT: 追回金额应为正数" };
  const aux = spendingAux({ ...p, fundNature: "generalBudget" });
  return {
    ok: true,
    voucher: {
      date: p.recoveredAt.slice(0, 10),
      summary: summaryOf(`追回误发补贴缴回国库：${p.itemName}（清册第${p.lineNo}行）`),
      lines: [debit(FISCAL_ACCOUNTS.treasuryDeposit, fen), credit(fiscalExpenseAccountOf(p.economicCode), fen, aux), debit(FISCAL_ACCOUNTS.treasuryCash, fen), credit(OWN_EXPENDITURE_ACCOUNT.generalBudget, fen, aux)],
    },
  };
}

/**
 * A transfer from above recorded in the budget (补助收入, by its document number): Dr 国库存款 /
 * Cr 补助收入, and Dr 库款资金结存 / Cr 补助预算收入 in the 明细 of the budget it funds.
 */
export function fiscalUpperTransferVoucher(p: { amount: string; documentNo: string; fundNature: string; functionalCode: string; summary: string; recordedOn: string }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return { ok: false, reason: "BAD_AMOUNT: 补助收入金额应为正数" };
  const detail = `6011${TRANSFER_DETAIL[budgetOfFundNature(p.fundNature)]}`;
  const aux: Aux = p.functionalCode ? { functional: p.functionalCode } : {};
  return {
    ok: true,
    voucher: {
      date: p.recordedOn.slice(0, 10),
      summary: summaryOf(`收到上级补助（${p.documentNo}）：${p.summary}`),
      lines: [debit(FISCAL_ACCOUNTS.treasuryDeposit, fen), credit(FISCAL_ACCOUNTS.transferRevenue, fen, aux), debit(FISCAL_ACCOUNTS.treasuryCash, fen), credit(detail, fen, aux)],
    },
  };
}

/** A remittance to the level above (上解): Dr 上解费用 / Cr 国库存款, and Dr 上解预算支出 (明细 by budget) / Cr 库款资金结存. */
export function fiscalRemittanceVoucher(p: { amount: string; documentNo: string; kind: "system" | "special"; fund: string; remittedOn: string }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return { ok: false, reason: "BAD_AMOUNT: 上解金额应为正数" };
  const detail = `7012${TRANSFER_DETAIL[budgetOfFundNature(p.fund)]}`;
  return {
    ok: true,
    voucher: {
      date: p.remittedOn.slice(0, 10),
      summary: summaryOf(`${p.kind === "system" ? "体制上解" : "专项上解"}（${p.documentNo}）`),
      lines: [debit(FISCAL_ACCOUNTS.remittanceExpense, fen), credit(FISCAL_ACCOUNTS.treasuryDeposit, fen), debit(detail, fen), credit(FISCAL_ACCOUNTS.treasuryCash, fen)],
    },
  };
}

export interface RevenueReportLineFacts {
  revenueCode: string;
  revenueName: string;
  fund: "generalBudget" | "governmentFund" | "stateCapital";
  /** Signed: a negative amount is money paid back out of the treasury (退库). */
  amountFen: bigint;
}

/** Revenue classes per voucher: each takes a financial and a budget line, plus the two 国库 lines. */
export const REVENUE_CLASSES_PER_VOUCHER = Math.floor((VOUCHER_LINES_MAX - 2) / 2);

/**
 * A day of revenue in the treasury (国库收入日报), by revenue class: Cr 税收收入 (101…) or 非税收入
 * (103…) and Cr 本级收入 of the class's budget, each with the class as its auxiliary dimension,
 * against Dr 国库存款 and Dr 库款资金结存 for the day's net. A refund (退库) goes on the debit side
 * of its class. Split into several vouchers when the report has more classes than a voucher holds.
 */
export function fiscalRevenueReportVouchers(report: { reportDate: string; lines: readonly RevenueReportLineFacts[] }): { ok: true; vouchers: VoucherInput[] } | { ok: false; reason: string } {
  if (report.lines.length === 0) return { ok: false, reason: "EMPTY_REPORT: 收入日报没有任何收入" };
  for (const l of report.lines) {
    if (!l.revenueCode.startsWith("101") && !l.revenueCode.startsWith("103")) return { ok: false, reason: `NOT_OWN_REVENUE: 收入分类 ${l.revenueCode} 不是本级税收或非税收入` };
    if (l.amountFen === 0n) return { ok: false, reason: `BAD_AMOUNT: 收入分类 ${l.revenueCode} 的金额为零` };
  }
  const vouchers: VoucherInput[] = [];
  for (let i = 0; i < report.lines.length; i += REVENUE_CLASSES_PER_VOUCHER) {
    const chunk = report.lines.slice(i, i + REVENUE_CLASSES_PER_VOUCHER);
    const financial: LineInput[] = [];
    const budget: LineInput[] = [];
    let net = 0n;
    for (const l of chunk) {
      const aux: Aux = { revenue: l.revenueCode };
      const revenueAccount = l.revenueCode.startsWith("101") ? FISCAL_ACCOUNTS.taxRevenue : FISCAL_ACCOUNTS.nonTaxRevenue;
      const budgetAccount = OWN_REVENUE_ACCOUNT[l.fund];
      if (l.amountFen > 0n) {
        financial.push(credit(revenueAccount, l.amountFen, aux));
        budget.push(credit(budgetAccount, l.amountFen, aux));
      } else {
        financial.push(debit(revenueAccount, -l.amountFen, aux));
        budget.push(debit(budgetAccount, -l.amountFen, aux));
      }
      net += l.amountFen;
    }
    if (net > 0n) {
      financial.unshift(debit(FISCAL_ACCOUNTS.treasuryDeposit, net));
      budget.unshift(debit(FISCAL_ACCOUNTS.treasuryCash, net));
    } else if (net < 0n) {
      financial.unshift(credit(FISCAL_ACCOUNTS.treasuryDeposit, -net));
      budget.unshift(credit(FISCAL_ACCOUNTS.treasuryCash, -net));
    }
    const part = report.lines.length > REVENUE_CLASSES_PER_VOUCHER ? `（第${i / REVENUE_CLASSES_PER_VOUCHER + 1}部分）` : "";
    vouchers.push({ date: report.reportDate, summary: summaryOf(`国库收入日报 ${report.reportDate}${part}：${chunk.length}个收入科目，净额 ${formatYuan(net)} 元`), lines: [...financial, ...budget] });
  }
  return { ok: true, vouchers };
}

// ---------------------------------------------------------------- funds and closing


/**
 * The budget a budget-revenue or budget-expenditure account of the fiscal chart belongs to: 本级
 * accounts by their code; transfers, 调入/调出 and debt by their 明细 (一般公共预算…, 政府性基金…,
 * 专项债务 belongs to the government fund budget); anything else to the general budget.
 */
export function fiscalFundOf(code: string, chart: ReadonlyMap<string, ChartAccount>): FiscalFund {
  const first = code.slice(0, 4);
  const byCode: Record<string, FiscalFund> = {
    "6002": "governmentFund",
    "7002": "governmentFund",
    "6003": "stateCapital",
    "7003": "stateCapital",
    "6005": "specialAccount",
    "7005": "specialAccount",
    "6007": "specialFund",
    "7007": "specialFund",
  };
  if (byCode[first]) return byCode[first]!;
  const names = accountNamePath(code, chart);
  if (names.includes("政府性基金") || names.includes("专项债务")) return "governmentFund";
  if (names.includes("国有资本经营")) return "stateCapital";
  return "generalBudget";
}
