// 现金流量表 (政府会计制度, 会政财03表), prepared where a set chooses it: the year's cash movements
// classified into 日常活动, 投资活动 and 筹资活动 by the counter-account of each voucher (pure: no database).
//
// Cash is what the standard counts as cash: 库存现金, 银行存款, 零余额账户用款额度, 其他货币资金 and
// 财政应返还额度, and payments made by 财政直接支付 (a voucher crediting 4001 财政拨款收入 without touching
// a cash account is received and paid at once). Each financial line of such a voucher that is not cash
// is a counter-line and lands in one row, so the rows of a voucher add up to its cash movement and the
// statement's 现金净增加额 is the change of the cash accounts over the year.
import { statementTitles, type Statement, type StatementRow } from "./statements.ts";

export const CASH_CODES = ["1001", "1002", "1011", "1021", "1201"] as const;
const DIRECT_PAYMENT_REVENUE = "4001";

/** One posted, non-closing voucher's lines (any level of account), with the aux the rows need. */
export interface CashVoucher {
  lines: readonly { account: string; debitFen: bigint; creditFen: bigint; economicCode?: string | null; project?: string | null }[];
}

const ROWS = [
  ["一、日常活动产生的现金流量：", "heading"],
  ["财政基本支出拨款收到的现金", "in"],
  ["财政非资本性项目拨款收到的现金", "in"],
  ["事业活动收到的除财政拨款以外的现金", "in"],
  ["收到的其他与日常活动有关的现金", "in"],
  ["日常活动的现金流入小计", "sum"],
  ["购买商品、接受劳务支付的现金", "out"],
  ["支付给职工以及为职工支付的现金", "out"],
  ["支付的各项税费", "out"],
  ["支付的其他与日常活动有关的现金", "out"],
  ["日常活动的现金流出小计", "sum"],
  ["日常活动产生的现金流量净额", "net"],
  ["二、投资活动产生的现金流量：", "heading"],
  ["收回投资收到的现金", "in"],
  ["取得投资收益收到的现金", "in"],
  ["处置固定资产、无形资产、公共基础设施等收回的现金净额", "in"],
  ["收到的其他与投资活动有关的现金", "in"],
  ["投资活动的现金流入小计", "sum"],
  ["购建固定资产、无形资产、公共基础设施等支付的现金", "out"],
  ["对外投资支付的现金", "out"],
  ["上缴处置固定资产、无形资产、公共基础设施等净收入支付的现金", "out"],
  ["支付的其他与投资活动有关的现金", "out"],
  ["投资活动的现金流出小计", "sum"],
  ["投资活动产生的现金流量净额", "net"],
  ["三、筹资活动产生的现金流量：", "heading"],
  ["财政资本性项目拨款收到的现金", "in"],
  ["取得借款收到的现金", "in"],
  ["收到的其他与筹资活动有关的现金", "in"],
  ["筹资活动的现金流入小计", "sum"],
  ["偿还借款支付的现金", "out"],
  ["偿还利息支付的现金", "out"],
  ["支付的其他与筹资活动有关的现金", "out"],
  ["筹资活动的现金流出小计", "sum"],
  ["筹资活动产生的现金流量净额", "net"],
  ["四、汇率变动对现金的影响额", "in"],
  ["五、现金净增加额", "net"],
] as const;
type RowLabel = (typeof ROWS)[number][0];
const rowIndex = (label: RowLabel) => ROWS.findIndex(([l]) => l === label);

const CAPITAL_ASSETS = ["1601", "1611", "1613", "1701", "1703", "1801", "1811", "1821", "1831"];
const INVESTMENTS = ["1101", "1501", "1502"];
const LOANS = ["2001", "2501"];
const EXPENSES = ["5001", "5101", "5201", "5301", "5401", "5501", "5801", "5901"];

/** The row of one counter-line: a revenue or expense account has one row; a balance account one for each direction. */
function rowOf(first: string, inflow: boolean, line: CashVoucher["lines"][number], voucher: { capital: boolean; project: boolean; economic: string }): RowLabel {
  if (first === DIRECT_PAYMENT_REVENUE) return voucher.capital ? "财政资本性项目拨款收到的现金" : voucher.project ? "财政非资本性项目拨款收到的现金" : "财政基本支出拨款收到的现金";
  if (first === "4101") return "事业活动收到的除财政拨款以外的现金";
  if (first === "4602" || first === "1215" || first === "1216") return "取得投资收益收到的现金";
  if (first.startsWith("4")) return "收到的其他与日常活动有关的现金";
  if (EXPENSES.includes(first)) {
    // The economic class sits on the expense line or, as the posting rules write it, on the voucher's budget line.
    const economic = line.economicCode ?? voucher.economic;
    if (first === "5501") return "支付的各项税费";
    if (economic.startsWith("301")) return "支付给职工以及为职工支付的现金";
    if (economic.startsWith("307")) return "偿还利息支付的现金";
    if (first === "5001" || first === "5101" || first === "5201") return "购买商品、接受劳务支付的现金";
    return "支付的其他与日常活动有关的现金";
  }
  if (CAPITAL_ASSETS.includes(first) || first === "1902") return inflow ? "处置固定资产、无形资产、公共基础设施等收回的现金净额" : "购建固定资产、无形资产、公共基础设施等支付的现金";
  if (INVESTMENTS.includes(first)) return inflow ? "收回投资收到的现金" : "对外投资支付的现金";
  if (LOANS.includes(first)) return inflow ? "取得借款收到的现金" : "偿还借款支付的现金";
  if (first === "2304") return inflow ? "收到的其他与筹资活动有关的现金" : "偿还利息支付的现金";
  if (first === "2502") return inflow ? "收到的其他与筹资活动有关的现金" : "支付的其他与筹资活动有关的现金";
  if (first === "2201") return inflow ? "收到的其他与日常活动有关的现金" : "支付给职工以及为职工支付的现金";
  if (first === "2101" || first === "2102") return inflow ? "收到的其他与日常活动有关的现金" : "支付的各项税费";
  if (["1214", "1301", "1302", "1303", "2301", "2302"].includes(first)) return inflow ? "收到的其他与日常活动有关的现金" : "购买商品、接受劳务支付的现金";
  return inflow ? "收到的其他与日常活动有关的现金" : "支付的其他与日常活动有关的现金";
}

/** The amounts of every row of ROWS for one year's vouchers (inflows and outflows positive). */
export function cashFlowFigures(vouchers: readonly CashVoucher[]): bigint[] {
  const values = ROWS.map(() => 0n);
  const isCash = (account: string) => (CASH_CODES as readonly string[]).includes(account.slice(0, 4));
  const financial = (account: string) => /^[1-5]/.test(account);
  for (const v of vouchers) {
    const touchesCash = v.lines.some((l) => isCash(l.account));
    const directPayment = v.lines.some((l) => l.account.startsWith(DIRECT_PAYMENT_REVENUE));
    if (!touchesCash && !directPayment) continue;
    const shape = { capital: v.lines.some((l) => CAPITAL_ASSETS.includes(l.account.slice(0, 4)) && l.debitFen > l.creditFen), project: v.lines.some((l) => Boolean(l.project)), economic: v.lines.find((l) => l.economicCode)?.economicCode ?? "" };
    for (const l of v.lines) {
      if (!financial(l.account) || isCash(l.account)) continue;
      const net = l.creditFen - l.debitFen; // what this counter-line brought into cash
      if (net === 0n) continue;
      const label = rowOf(l.account.slice(0, 4), net > 0n, l, shape);
      const i = rowIndex(label);
      values[i]! += ROWS[i]![1] === "out" ? -net : net;
    }
  }
  // Subtotals and nets, section by section.
  let inflow = 0n, outflow = 0n, total = 0n;
  ROWS.forEach(([label, kind], i) => {
    if (kind === "heading") {
      inflow = 0n;
      outflow = 0n;
    } else if (kind === "in") inflow += values[i]!;
    else if (kind === "out") outflow += values[i]!;
    else if (kind === "sum") values[i] = label.includes("流入") ? inflow : outflow;
    else if (label === "五、现金净增加额") values[i] = total + inflow; // + 汇率变动 (none in a township's books)
    else {
      values[i] = inflow - outflow;
      total += values[i]!;
      inflow = 0n;
      outflow = 0n;
    }
  });
  return values;
}

/** 现金流量表 with 本年金额 (the year to the report's month) and 上年金额 (the whole previous year, when the set has it). */
export function cashFlow(current: readonly CashVoucher[], previous: readonly CashVoucher[] | null): Statement {
  const now = cashFlowFigures(current);
  const before = previous ? cashFlowFigures(previous) : now.map(() => 0n);
  const rows: StatementRow[] = ROWS.map(([label, kind], i) => ({ label, values: [now[i]!, before[i]!], ...(kind === "heading" || kind === "sum" || kind === "net" ? { total: true } : {}), ...(kind === "heading" ? { blanks: [0, 1] } : {}) }));
  return { code: "cash-flow", title: statementTitles["cash-flow"], columns: ["项目", "本年金额", "上年金额"], rows };
}
