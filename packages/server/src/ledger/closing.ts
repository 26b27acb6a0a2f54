// Year closing (年终结账) as pure rules: from the year's balances and the chart, the closing
// vouchers in order, each computed on the balances the previous ones leave (政府会计制度, 财会〔2017〕25号).
//
// Financial accounting:
//   1. revenue (4xxx) to 本期盈余 3301;  2. expenses (5xxx) to 3301;
//   3. 3301 to 本年盈余分配 3302;
//   4. (事业单位, when asked and the chart has 3101) 提取专用基金: Dr 3302 / Cr 3101, at most the surplus;
//   5. 3302, 无偿调拨净资产 3401 and 以前年度盈余调整 3501 to 累计盈余 3001.
// Budget accounting:
//   6. 财政拨款预算收入 6001 and the expenditure paid from fiscal appropriation to 财政拨款结转 8101;
//   7. non-fiscal special-purpose (专项) budget revenue and expenditure to 非财政拨款结转 8201;
//   8. 经营预算收入 6401 and 经营支出 7301 to 经营结余 8401;
//   9. the other non-fiscal budget revenue and expenditure to 其他结余 8501;
//  10. (when given) the residue of completed projects: 8101 → 财政拨款结余 8102, 8201 → 非财政拨款结余 8202;
//  11. a credit balance of 8401 to 非财政拨款结余分配 8701 (a debit balance, a loss, stays);
//  12. 8501 to 8701 for a 事业单位, straight to 8202 for a 行政单位;
//  13. (事业单位, when asked) 提取专用结余: Dr 8701 / Cr 专用结余 8301, at most 8701's balance;
//  14. 8701 to 8202.
// Before all that, the unused authorised quota (1011's balance) is cancelled to 1201 财政应返还额度—
// 财政授权支付 (Dr 800103 / Cr 800101 on the budget side); and where the chart keeps the standard 明细,
// 8101/8201's are netted into 累计结转 before step 10 and 8102/8202's into 累计结余 at the end.
// Which fund an expenditure was paid from is read from the chart: a sub-account whose name (or an
// ancestor's) says 非财政专项 is special-purpose, 其他资金 is other funds, anything else under
// 7101/7201/7901 is fiscal appropriation; 7401/7501/7601/7701 are other funds unless named 专项.
// Budget revenue other than 6001 and 6401 is special-purpose when its name says 专项 (not 非专项).
import { formatYuan as fen } from "@xiangcai/shared";
import { accountNamePath, type ChartAccount, type LineInput } from "./rules.ts";
import { CARRYOVER_ACCOUNT, fiscalFundNames, fiscalFundOf, type FiscalFund } from "./fiscalRules.ts";

export type UnitKind = "administrative" | "publicInstitution";
export type Fund = "fiscal" | "special" | "business" | "other";

export interface ClosingOptions {
  unitKind: UnitKind;
  /** 提取专用基金 from the year's surplus (事业单位). */
  specialFundFen?: bigint | undefined;
  /** 提取专用结余 from 非财政拨款结余分配 (事业单位). */
  specialSurplusFen?: bigint | undefined;
  /** Residue of completed fiscal projects moved from 8101 to 8102. */
  fiscalResidualFen?: bigint | undefined;
  /** Residue of completed non-fiscal special projects moved from 8201 to 8202. */
  nonFiscalResidualFen?: bigint | undefined;
}

export interface ClosingVoucher {
  summary: string;
  lines: LineInput[];
}

const first = (code: string) => code.slice(0, 4);


/** The fund a budget revenue or expenditure account belongs to at closing. */
export function fundOf(code: string, chart: ReadonlyMap<string, ChartAccount>): Fund {
  const f = first(code);
  const names = accountNamePath(code, chart);
  // 专项 but not 非专项 (其他预算收入 has 专项资金收入 and 非专项资金收入 sub-accounts).
  const special = /(^|[^非])专项/.test(names);
  if (f === "6401" || f === "7301") return "business";
  if (f === "6001") return "fiscal";
  if (f.startsWith("6")) return special ? "special" : "other";
  if (names.includes("非财政专项") || (["7401", "7501", "7601", "7701"].includes(f) && special)) return "special";
  if (names.includes("其他资金") || ["7401", "7501", "7601", "7701"].includes(f)) return "other";
  return "fiscal";
}

/** The leaf that takes a closing entry of a first-level account: itself, or its 本年/累计 sub-account. */
function leafFor(code: string, chart: ReadonlyMap<string, ChartAccount>, prefer: string[]): string {
  const a = chart.get(code);
  if (!a || a.isLeaf) return code;
  const leaves = [...chart.values()].filter((x) => x.isLeaf && x.code.startsWith(code)).sort((x, y) => x.code.localeCompare(y.code));
  for (const p of prefer) {
    const hit = leaves.find((x) => x.name.includes(p));
    if (hit) return hit.code;
  }
  return leaves[0]?.code ?? code;
}

export type ClosingPlan = { ok: true; vouchers: ClosingVoucher[] } | { ok: false; message: string };

/**
 * The running balances of a closing plan and the moves that make its vouchers, each computed on the
 * balances the previous ones leave.
 */
function closingBook(start: ReadonlyMap<string, bigint>, chart: ReadonlyMap<string, ChartAccount>) {
  const balances = new Map(start);
  const vouchers: ClosingVoucher[] = [];
  const leaf = (code: string, ...prefer: string[]) => leafFor(code, chart, prefer);
  const post = (summary: string, lines: LineInput[]) => {
    if (lines.length < 2) return;
    for (const l of lines) balances.set(l.account, (balances.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    vouchers.push({ summary, lines });
  };
  /** Zeroes every account `which` selects into `target`. */
  const sweep = (summary: string, which: (code: string) => boolean, target: string) => {
    const lines: LineInput[] = [];
    let net = 0n;
    for (const [code, b] of [...balances].sort(([x], [y]) => x.localeCompare(y))) {
      if (b === 0n || code === target || !which(code)) continue;
      lines.push(b > 0n ? { account: code, debitFen: 0n, creditFen: b } : { account: code, debitFen: -b, creditFen: 0n });
      net += b;
    }
    if (net !== 0n) lines.push(net > 0n ? { account: target, debitFen: net, creditFen: 0n } : { account: target, debitFen: 0n, creditFen: -net });
    post(summary, lines);
  };
  /** Moves `fen` of credit balance from `from` to `to`. */
  const move = (summary: string, from: string, to: string, fen: bigint) => {
    if (fen > 0n) post(summary, [{ account: from, debitFen: fen, creditFen: 0n }, { account: to, debitFen: 0n, creditFen: fen }]);
  };
  const creditOf = (prefix: string) => -[...balances].filter(([c]) => c.startsWith(prefix)).reduce((s, [, b]) => s + b, 0n);
  return { balances, vouchers, leaf, post, sweep, move, creditOf };
}

/**
 * Plans the closing vouchers of a year from its signed balances (debit positive) per leaf
 * account. Pure: the caller posts them in order.
 */
export function planYearClosing(start: ReadonlyMap<string, bigint>, chart: ReadonlyMap<string, ChartAccount>, options: ClosingOptions): ClosingPlan {
  const { balances, vouchers, leaf, post, sweep, move, creditOf } = closingBook(start, chart);
  const institution = options.unitKind === "publicInstitution";
  for (const [name, fen] of [["提取专用基金", options.specialFundFen], ["提取专用结余", options.specialSurplusFen]] as const) {
    if (fen && fen > 0n && !institution) return { ok: false, message: `${name}只适用于事业单位；行政单位不提取。` };
  }
  if (options.specialFundFen && options.specialFundFen > 0n && !chart.has("3101")) return { ok: false, message: "科目表中没有 3101 专用基金，不能提取专用基金。" };
  if (options.specialSurplusFen && options.specialSurplusFen > 0n && !chart.has("8301")) return { ok: false, message: "科目表中没有 8301 专用结余，不能提取专用结余。" };

  // 年末注销零余额账户用款额度: the authorised quota not used (1011's balance) becomes 财政应返还额度
  // (its 明细 财政授权支付), on the budget side 800101 to 800103.
  const unusedQuota = balances.get("1011") ?? 0n;
  if (unusedQuota > 0n && chart.has("1201") && chart.has("800103")) {
    post("年末注销零余额账户用款额度", [
      { account: leaf("1201", "财政授权支付"), debitFen: unusedQuota, creditFen: 0n },
      { account: "1011", debitFen: 0n, creditFen: unusedQuota },
      { account: leaf("800103"), debitFen: unusedQuota, creditFen: 0n },
      { account: leaf("800101"), debitFen: 0n, creditFen: unusedQuota },
    ]);
  }

  // Financial accounting.
  const surplus = leaf("3301");
  sweep("结转本期收入", (c) => c.startsWith("4"), surplus);
  sweep("结转本期费用", (c) => c.startsWith("5"), surplus);
  const distribution = leaf("3302");
  sweep("结转本期盈余", (c) => c.startsWith("3301"), distribution);
  if (options.specialFundFen && options.specialFundFen > 0n) {
    const available = creditOf("3302");
    if (options.specialFundFen > available) return { ok: false, message: `提取专用基金 ${fen(options.specialFundFen)} 超过本年盈余 ${fen(available > 0n ? available : 0n)}。` };
    move("从本年盈余中提取专用基金", distribution, leaf("3101"), options.specialFundFen);
  }
  sweep("结转本年盈余分配、无偿调拨净资产和以前年度盈余调整至累计盈余", (c) => c.startsWith("3302") || c.startsWith("3401") || c.startsWith("3501"), leaf("3001", "累计"));

  // Budget accounting.
  const isBudgetFlow = (c: string) => c.startsWith("6") || c.startsWith("7");
  sweep("结转财政拨款预算收入和支出", (c) => isBudgetFlow(c) && fundOf(c, chart) === "fiscal", leaf("8101", "本年收支结转"));
  sweep("结转非财政拨款专项预算收入和支出", (c) => isBudgetFlow(c) && fundOf(c, chart) === "special", leaf("8201", "本年收支结转"));
  sweep("结转经营预算收入和经营支出", (c) => isBudgetFlow(c) && fundOf(c, chart) === "business", leaf("8401"));
  sweep("结转其他预算收入和支出", (c) => isBudgetFlow(c) && fundOf(c, chart) === "other", leaf("8501"));
  // 冲销明细: 8101's and 8201's 明细 (年初余额调整, 归集调入/调出/上缴, 单位内部调剂, 缴回资金, 本年收支结转 …)
  // into 累计结转, before completed projects' residue is taken out of it.
  for (const [code, name] of [["8101", "财政拨款结转"], ["8201", "非财政拨款结转"]] as const) {
    const total = leaf(code, "累计结转");
    if (total !== code) sweep(`${name}各明细余额转入累计结转`, (c) => c.startsWith(code), total);
  }
  for (const [name, fenAmount, from, to] of [
    ["财政拨款结转", options.fiscalResidualFen, "8101", "8102"],
    ["非财政拨款结转", options.nonFiscalResidualFen, "8201", "8202"],
  ] as const) {
    if (!fenAmount || fenAmount <= 0n) continue;
    const available = creditOf(from);
    if (fenAmount > available) return { ok: false, message: `转入结余的${name} ${fen(fenAmount)} 超过其余额 ${fen(available > 0n ? available : 0n)}。` };
    move(`已完成项目的${name}剩余资金转入结余`, leaf(from, "累计结转", "本年收支结转"), leaf(to, "结转转入", "累计结余"), fenAmount);
  }
  const allocation = leaf("8701");
  const accumulated = leaf("8202", "累计结余");
  if (creditOf("8401") > 0n) sweep("经营结余转入非财政拨款结余分配", (c) => c.startsWith("8401"), allocation);
  sweep(institution ? "其他结余转入非财政拨款结余分配" : "其他结余转入非财政拨款结余", (c) => c.startsWith("8501"), institution ? allocation : accumulated);
  if (options.specialSurplusFen && options.specialSurplusFen > 0n) {
    const available = creditOf("8701");
    if (options.specialSurplusFen > available) return { ok: false, message: `提取专用结余 ${fen(options.specialSurplusFen)} 超过非财政拨款结余分配余额 ${fen(available > 0n ? available : 0n)}。` };
    move("从非财政拨款结余分配中提取专用结余", allocation, leaf("8301"), options.specialSurplusFen);
  }
  sweep("非财政拨款结余分配转入非财政拨款结余", (c) => c.startsWith("8701"), accumulated);
  // 冲销明细: 8102's and 8202's 明细 (年初余额调整, 归集上缴, 单位内部调剂, 结转转入 …) into 累计结余.
  for (const [code, name] of [["8102", "财政拨款结余"], ["8202", "非财政拨款结余"]] as const) {
    const total = leaf(code, "累计结余");
    if (total !== code) sweep(`${name}各明细余额转入累计结余`, (c) => c.startsWith(code), total);
  }
  return { ok: true, vouchers };
}

const FISCAL_FUNDS: readonly FiscalFund[] = ["generalBudget", "governmentFund", "stateCapital", "specialAccount", "specialFund"];

/**
 * Year closing of the fiscal general accounts (财政总会计制度): revenue (4xxx) and expense (5xxx) to
 * 本期盈余 3051, which with 以前年度盈余调整 3061 goes to 累计盈余 3001; each budget's revenue and
 * expenditure (6xxx, 7xxx, told apart by fiscalFundOf) to its own 结转结余: 一般公共预算 8031,
 * 政府性基金预算 8032, 国有资本经营预算 8033, 财政专户管理资金 8035, 专用基金 8037.
 */
export function planFiscalYearClosing(start: ReadonlyMap<string, bigint>, chart: ReadonlyMap<string, ChartAccount>): ClosingPlan {
  const { vouchers, leaf, sweep } = closingBook(start, chart);
  const surplus = leaf("3051");
  sweep("结转本期收入", (c) => c.startsWith("4"), surplus);
  sweep("结转本期费用", (c) => c.startsWith("5"), surplus);
  sweep("结转本期盈余和以前年度盈余调整至累计盈余", (c) => c.startsWith("3051") || c.startsWith("3061"), leaf("3001"));
  for (const fund of FISCAL_FUNDS) {
    sweep(`结转${fiscalFundNames[fund]}收支`, (c) => (c.startsWith("6") || c.startsWith("7")) && fiscalFundOf(c, chart) === fund, leaf(CARRYOVER_ACCOUNT[fund]));
  }
  return { ok: true, vouchers };
}
