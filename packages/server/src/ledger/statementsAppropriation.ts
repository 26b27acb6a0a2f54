// 财政拨款预算收入支出表 (政府会计制度, 会政预03表) in the standard's layout (pure: no database): rows by
// 一般公共预算/政府性基金 × 基本支出/项目支出, each by functional class; columns 年初财政拨款结转结余,
// 调整年初财政拨款结转结余, 本年归集调入, 本年归集上缴或调出, 单位内部调剂, 本年财政拨款收入, 本年财政拨款支出
// and 年末财政拨款结转结余, for this year and the year before.
import { accountNamePath, appropriationKindOfNames, expenditureKindOfNames, type ChartAccount } from "./rules.ts";
import { BUDGET_EXPENDITURE_CODES, statementTitles, type Statement, type StatementRow } from "./statements.ts";

/** The columns an entry can add to (年末 is their sum, 支出 subtracted). */
export const APPROPRIATION_COLUMNS = ["年初财政拨款结转结余", "调整年初财政拨款结转结余", "本年归集调入", "本年归集上缴或调出", "单位内部调剂", "本年财政拨款收入", "本年财政拨款支出"] as const;
export type AppropriationColumn = (typeof APPROPRIATION_COLUMNS)[number];

/**
 * One amount of the year: credit positive for the balance columns and 收入, debit positive for 支出.
 * `fund` is the budget the appropriation came from (一般公共预算 when absent); `project` says 项目支出.
 */
export interface AppropriationEntry {
  column: AppropriationColumn;
  fund?: AppropriationFund | undefined;
  project: boolean;
  functionalCode: string;
  fen: bigint;
}

export type AppropriationFund = "generalBudget" | "governmentFund";

export const APPROPRIATION_NOTE =
  "一般公共预算与政府性基金预算、基本支出与项目支出按凭证所记科目明细划分（财政拨款预算收入、行政支出、事业支出的一般公共预算/政府性基金财政拨款和基本支出/项目支出明细）；科目未设明细的金额列入一般公共预算，带项目辅助核算的金额及财政拨款结余（8102）列入项目支出，其余列入基本支出；年初余额和结转结余明细未分预算种类、功能分类，列入一般公共预算。年末 = 年初 + 调整 + 归集调入 + 归集上缴或调出（减少以“-”号填列）+ 单位内部调剂 + 收入 − 支出。";

/** Functional rows are indented under their 基本支出/项目支出 with ideographic spaces, as printed statements are. */
const INDENT = "\u3000\u3000";

type Figures = Map<string, bigint[]>; // key `${fund}|${project ? "p" : "b"}|${functionalCode}` → 8 columns

function figuresOf(entries: readonly AppropriationEntry[]): Figures {
  const map: Figures = new Map();
  for (const e of entries) {
    if (e.fen === 0n) continue;
    const key = `${e.fund ?? "generalBudget"}|${e.project ? "p" : "b"}|${e.functionalCode}`;
    const row = map.get(key) ?? Array.from({ length: 8 }, () => 0n);
    const i = APPROPRIATION_COLUMNS.indexOf(e.column);
    row[i]! += e.fen;
    row[7]! += i === 6 ? -e.fen : e.fen;
    map.set(key, row);
  }
  return map;
}

const zeros = () => Array.from({ length: 16 }, () => 0n);
const add = (rows: bigint[][]) => rows.reduce((t, r) => t.map((v, i) => v + r[i]!), zeros());

export function fiscalAppropriation(current: readonly AppropriationEntry[], previous: readonly AppropriationEntry[] | null, functionNames: ReadonlyMap<string, string> = new Map()): Statement {
  const now = figuresOf(current);
  const before = figuresOf(previous ?? []);
  const kindRows = (fund: AppropriationFund, project: boolean): { subtotal: bigint[]; rows: StatementRow[] } => {
    const prefix = `${fund}|${project ? "p" : "b"}|`;
    const codes = [...new Set([...now.keys(), ...before.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)))].sort();
    const rows = codes.map((code) => ({
      label: code ? `${INDENT}${code} ${functionNames.get(code) ?? ""}`.trimEnd() : `${INDENT}未分功能分类`,
      ...(code ? { accounts: code } : {}),
      values: [...(now.get(prefix + code) ?? zeros().slice(0, 8)), ...(before.get(prefix + code) ?? zeros().slice(0, 8))],
    }));
    return { subtotal: add(rows.map((r) => r.values)), rows };
  };
  const total = (label: string, values: bigint[]): StatementRow => ({ label, values, total: true });
  const fundRows = (fund: AppropriationFund, label: string) => {
    const basic = kindRows(fund, false);
    const project = kindRows(fund, true);
    const subtotal = add([basic.subtotal, project.subtotal]);
    return { subtotal, rows: [total(label, subtotal), total("（一）基本支出", basic.subtotal), ...basic.rows, total("（二）项目支出", project.subtotal), ...project.rows] };
  };
  const general = fundRows("generalBudget", "一、一般公共预算财政拨款");
  const governmentFund = fundRows("governmentFund", "二、政府性基金预算财政拨款");
  return {
    code: "fiscal-appropriation",
    title: statementTitles["fiscal-appropriation"],
    columns: ["项目", ...[...APPROPRIATION_COLUMNS, "年末财政拨款结转结余"].map((c) => `本年数·${c}`), ...[...APPROPRIATION_COLUMNS, "年末财政拨款结转结余"].map((c) => `上年数·${c}`)],
    rows: [...general.rows, ...governmentFund.rows, total("总计", add([general.subtotal, governmentFund.subtotal]))],
    note: APPROPRIATION_NOTE,
  };
}

/** Vouchers that move fiscal appropriation: a budget line on 6001 (or its 明细) or on the quota and 应返还 parts of 8001. */
const FISCAL_BUDGET_ACCOUNTS = ["6001", "800101", "800103"];

/** The 明细 of 8101/8102 read by their standard names (as the 预算结转结余变动表 reads them). */
function carryoverColumn(name: string): AppropriationColumn | null {
  if (name.includes("年初余额调整")) return "调整年初财政拨款结转结余";
  if (name.includes("归集调入")) return "本年归集调入";
  if (name.includes("归集上缴") || name.includes("归集调出")) return "本年归集上缴或调出";
  if (name.includes("单位内部调剂")) return "单位内部调剂";
  return null;
}

/** A voucher line summed by account, functional class and whether it carries a project (辅助核算 项目). */
export interface AppropriationLine {
  voucherId: string;
  kind: string;
  account: string;
  functionalCode: string | null;
  project: boolean;
  debitFen: bigint;
  creditFen: bigint;
}

/**
 * The amounts of a year's 财政拨款预算收入支出表 (pure): the opening 8101 (基本支出) and 8102 (项目支出,
 * where 财政拨款结余 arises) balances, the 明细 of 8101/8102 by name, 6001 as received and the budget
 * expenditure of vouchers that move appropriation (6001, or the quota and 应返还 parts of 8001) as spent.
 * Which budget and 基本/项目 an amount is comes from its account's 明细 names (政府性基金, 项目支出), else
 * 一般公共预算 and the line's project aux. Closing vouchers are left out: 年末 is computed, so it is the
 * same before and after the closing.
 */
export function appropriationEntriesOf(start: ReadonlyMap<string, bigint>, lines: readonly AppropriationLine[], chart: ReadonlyMap<string, ChartAccount>): AppropriationEntry[] {
  const entries: AppropriationEntry[] = [];
  const opening = (prefix: string) => -[...start].filter(([c]) => c.startsWith(prefix)).reduce((sum, [, b]) => sum + b, 0n);
  entries.push({ column: "年初财政拨款结转结余", project: false, functionalCode: "", fen: opening("8101") }, { column: "年初财政拨款结转结余", project: true, functionalCode: "", fen: opening("8102") });
  const mine = lines.filter((l) => l.kind !== "closing");
  const fiscalVouchers = new Set(mine.filter((l) => FISCAL_BUDGET_ACCOUNTS.some((c) => l.account.startsWith(c))).map((l) => l.voucherId));
  for (const l of mine) {
    const first = l.account.slice(0, 4);
    const path = accountNamePath(l.account, chart);
    const fund = appropriationKindOfNames(path) === "governmentFund" ? "governmentFund" : "generalBudget";
    const key = { fund, project: l.project || first === "8102" || expenditureKindOfNames(path) === "project", functionalCode: l.functionalCode ?? "" } as const;
    const column = first === "8101" || first === "8102" ? carryoverColumn(chart.get(l.account)?.name ?? "") : null;
    if (column) entries.push({ column, ...key, fen: l.creditFen - l.debitFen });
    else if (first === "6001") entries.push({ column: "本年财政拨款收入", ...key, fen: l.creditFen - l.debitFen });
    else if (fiscalVouchers.has(l.voucherId) && BUDGET_EXPENDITURE_CODES.includes(first)) entries.push({ column: "本年财政拨款支出", ...key, fen: l.debitFen - l.creditFen });
  }
  return entries;
}
