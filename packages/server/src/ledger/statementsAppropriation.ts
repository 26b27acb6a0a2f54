// 财政拨款预算收入支出表 (政府会计制度, 会政预03表) in the standard's layout (pure: no database): rows by
// 一般公共预算/政府性基金 × 基本支出/项目支出, each by functional class; columns 年初财政拨款结转结余,
// 调整年初财政拨款结转结余, 本年归集调入, 本年归集上缴或调出, 单位内部调剂, 本年财政拨款收入, 本年财政拨款支出
// and 年末财政拨款结转结余, for this year and the year before.
import { statementTitles, type Statement, type StatementRow } from "./statements.ts";

/** The columns an entry can add to (年末 is their sum, 支出 subtracted). */
export const APPROPRIATION_COLUMNS = ["年初财政拨款结转结余", "调整年初财政拨款结转结余", "本年归集调入", "本年归集上缴或调出", "单位内部调剂", "本年财政拨款收入", "本年财政拨款支出"] as const;
export type AppropriationColumn = (typeof APPROPRIATION_COLUMNS)[number];

/**
 * One amount of the year: credit positive for the balance columns and 收入, debit positive for 支出.
 * The unit ledger does not record which budget (一般公共预算/政府性基金) the money came from, so every
 * entry is 一般公共预算's; 项目支出 is what carries a project (the line's project aux, or 8102 财政拨款结余).
 */
export interface AppropriationEntry {
  column: AppropriationColumn;
  project: boolean;
  functionalCode: string;
  fen: bigint;
}

export const APPROPRIATION_NOTE =
  "本账套的凭证未记录资金来源于一般公共预算还是政府性基金预算，全部列入一般公共预算财政拨款；带项目辅助核算的金额及财政拨款结余（8102）列入项目支出，其余列入基本支出；年初余额未分功能分类。年末 = 年初 + 调整 + 归集调入 + 归集上缴或调出（减少以“-”号填列）+ 单位内部调剂 + 收入 − 支出。";

/** Functional rows are indented under their 基本支出/项目支出 with ideographic spaces, as printed statements are. */
const INDENT = "\u3000\u3000";

type Figures = Map<string, bigint[]>; // key `${project ? "p" : "b"}|${functionalCode}` → 8 columns

function figuresOf(entries: readonly AppropriationEntry[]): Figures {
  const map: Figures = new Map();
  for (const e of entries) {
    if (e.fen === 0n) continue;
    const key = `${e.project ? "p" : "b"}|${e.functionalCode}`;
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
  const kindRows = (project: boolean): { subtotal: bigint[]; rows: StatementRow[] } => {
    const prefix = project ? "p|" : "b|";
    const codes = [...new Set([...now.keys(), ...before.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(2)))].sort();
    const rows = codes.map((code) => ({
      label: code ? `${INDENT}${code} ${functionNames.get(code) ?? ""}`.trimEnd() : `${INDENT}未分功能分类`,
      ...(code ? { accounts: code } : {}),
      values: [...(now.get(prefix + code) ?? zeros().slice(0, 8)), ...(before.get(prefix + code) ?? zeros().slice(0, 8))],
    }));
    return { subtotal: add(rows.map((r) => r.values)), rows };
  };
  const basic = kindRows(false);
  const project = kindRows(true);
  const general = add([basic.subtotal, project.subtotal]);
  const total = (label: string, values: bigint[]): StatementRow => ({ label, values, total: true });
  return {
    code: "fiscal-appropriation",
    title: statementTitles["fiscal-appropriation"],
    columns: ["项目", ...[...APPROPRIATION_COLUMNS, "年末财政拨款结转结余"].map((c) => `本年数·${c}`), ...[...APPROPRIATION_COLUMNS, "年末财政拨款结转结余"].map((c) => `上年数·${c}`)],
    rows: [
      total("一、一般公共预算财政拨款", general),
      total("（一）基本支出", basic.subtotal),
      ...basic.rows,
      total("（二）项目支出", project.subtotal),
      ...project.rows,
      total("二、政府性基金预算财政拨款", zeros()),
      total("（一）基本支出", zeros()),
      total("（二）项目支出", zeros()),
      total("总计", general),
    ],
    note: APPROPRIATION_NOTE,
  };
}
