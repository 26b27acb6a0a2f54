// The audit formulas (审核公式) of the final accounts, as data: each a named equality between sums of
// cells (table, row, column). They are read from the tables themselves — a row that totals others
// (sumOf), each budget's 年初结转结余 + 收入 − 支出 = 年末结转结余, the summary against the detail
// tables, the books' expenditure by functional class against what the treasury paid, each unit's 财政拨款
// against what the township paid it — and evaluated on the stored content (yuan strings), so a report
// kept for years can be checked again. Pure: no database.
import { formatYuan, parseYuan, type FinalCellRef, type FinalFormulaResultView, type FinalTableView } from "@xiangcai/shared";

export interface Term extends FinalCellRef {
  sign: 1 | -1;
}

export interface Formula {
  code: string;
  name: string;
  /** An error blocks submission; a warning must be explained when submitting. */
  level: "error" | "warning";
  left: Term[];
  right: Term[];
}

export interface FinalContent extends Record<string, unknown> {
  regionCode: string;
  regionName: string;
  year: number;
  hasBooks: boolean;
  tables: FinalTableView[];
  units: { budgetUnitId: string; unitName: string; setCode: string; tables: FinalTableView[] }[];
  note: string;
}

/** A unit's table is addressed as "<budget unit id>/<table code>". */
export const unitTableCode = (budgetUnitId: string, code: string) => `${budgetUnitId}/${code}`;

const cell = (table: string, row: string, column: number, sign: 1 | -1 = 1): Term => ({ table, row, column, sign });

/** Every table of a content by its address. */
export function tablesByCode(c: Pick<FinalContent, "tables" | "units">): Map<string, FinalTableView> {
  const out = new Map<string, FinalTableView>();
  for (const t of c.tables) out.set(t.code, t);
  for (const u of c.units) for (const t of u.tables) out.set(unitTableCode(u.budgetUnitId, t.code), { ...t, title: `${u.unitName}${t.title}` });
  return out;
}

/** The audit formulas a content must pass, read from its tables. */
export function formulasOf(c: Pick<FinalContent, "tables" | "units">): Formula[] {
  const tables = tablesByCode(c);
  const formulas: Formula[] = [];
  // 1. Every total equals the sum of its rows, in every column it has a figure.
  for (const [code, t] of tables) {
    for (const row of t.rows) {
      if (!row.sumOf) continue;
      const children = t.rows.filter((r) => row.sumOf!.includes(r.key));
      row.values.forEach((v, column) => {
        // A total whose rows leave the column blank (a 预算数 kept only in total) has nothing to add up.
        if (v === null || (children.length > 0 && children.every((r) => r.values[column] === null))) return;
        formulas.push({ code: `SUM:${code}:${row.key}:${column}`, name: `${t.title}“${row.label}”${t.columns[column]}等于各行之和`, level: "error", left: [cell(code, row.key, column)], right: row.sumOf!.map((k) => cell(code, k, column)) });
      });
    }
  }
  const has = (table: string, row: string) => tables.get(table)?.rows.some((r) => r.key === row) ?? false;
  // 2. 年初结转结余 + 本年收入 − 本年支出 = 年末结转结余, per budget and in total; the total against 资金结存.
  const carry = tables.get("carryover");
  if (carry) {
    for (const r of carry.rows) {
      if (r.key === "fund-balance") continue;
      formulas.push({ code: `CARRY:${r.key}`, name: `结转结余表“${r.label}”年初结转结余 + 本年收入 − 本年支出 = 年末结转结余`, level: "error", left: [cell("carryover", r.key, 0), cell("carryover", r.key, 1), cell("carryover", r.key, 2, -1)], right: [cell("carryover", r.key, 3)] });
    }
    for (const [column, when] of [
      [0, "年初"],
      [3, "年末"],
    ] as const) {
      formulas.push({ code: `FUND_BALANCE:${column}`, name: `结转结余表${when}结转结余合计等于资金结存${when}余额`, level: "error", left: [cell("carryover", "total", column)], right: [cell("carryover", "fund-balance", column)] });
    }
  }
  // 3. The summary: each budget's sources equal its uses; its own revenue and expenditure equal the detail tables'; its 结转结余 the carry-over table's.
  for (const [p, detail] of [
    ["g", "general-detail"],
    ["f", "fund-detail"],
  ] as const) {
    if (!has("summary", `${p}:sources`)) continue;
    formulas.push({ code: `BALANCE:${p}`, name: `收支决算总表${p === "g" ? "一般公共预算" : "政府性基金预算"}收入总计等于支出总计（决算数）`, level: "error", left: [cell("summary", `${p}:sources`, 2)], right: [cell("summary", `${p}:uses`, 2)] });
    for (const column of [0, 2]) {
      formulas.push({ code: `DETAIL_REVENUE:${p}:${column}`, name: `收支决算总表本级收入等于${p === "g" ? "一般公共预算收支决算明细表" : "政府性基金收支决算表"}本级收入合计`, level: "error", left: [cell("summary", `${p}:own-revenue`, column)], right: [cell(detail, `${p}r-total`, column)] });
      formulas.push({ code: `DETAIL_EXPENDITURE:${p}:${column}`, name: `收支决算总表本级支出等于${p === "g" ? "一般公共预算收支决算明细表" : "政府性基金收支决算表"}本级支出合计`, level: "error", left: [cell("summary", `${p}:own-expenditure`, column)], right: [cell(detail, `${p}e-total`, column)] });
    }
    if (carry && has("carryover", p)) {
      formulas.push({ code: `CARRY_END:${p}`, name: "收支决算总表年终结转结余等于结转结余表年末结转结余", level: "error", left: [cell("summary", `${p}:carry-end`, 2)], right: [cell("carryover", p, 3)] });
    }
  }
  // 4. The transfer table against the summary.
  if (tables.get("transfers") && has("summary", "g:transfer")) {
    formulas.push({ code: "TRANSFERS_IN", name: "转移支付收支表上级补助收入合计等于收支决算总表上级补助收入", level: "error", left: [cell("transfers", "in-total", 1)], right: [cell("summary", "g:transfer", 2), cell("summary", "f:transfer", 2)] });
    formulas.push({ code: "TRANSFERS_OUT", name: "转移支付收支表上解支出合计等于收支决算总表上解支出", level: "error", left: [cell("transfers", "out-total", 1)], right: [cell("summary", "g:remittance", 2), cell("summary", "f:remittance", 2)] });
  }
  // 5. Debt: 年初余额 + 本年举借 − 本年偿还本金 = 年末余额.
  for (const r of tables.get("debt")?.rows ?? []) {
    formulas.push({ code: `DEBT:${r.key}`, name: `债务情况表“${r.label}”年初余额 + 本年举借 − 本年偿还本金 = 年末余额`, level: "error", left: [cell("debt", r.key, 0), cell("debt", r.key, 1), cell("debt", r.key, 2, -1)], right: [cell("debt", r.key, 3)] });
  }
  // 6. The books' own expenditure by recorded functional class equals what the treasury paid.
  const treasury = tables.get("treasury");
  if (treasury) {
    const leaves = new Map<string, string>();
    for (const detail of ["general-detail", "fund-detail"]) {
      for (const r of tables.get(detail)?.rows ?? []) if (/^[gf]e:/.test(r.key) && !r.sumOf) leaves.set(r.key, detail);
    }
    for (const r of treasury.rows) if (r.key !== "total" && !leaves.has(r.key)) leaves.set(r.key, r.key.startsWith("f") ? "fund-detail" : "general-detail");
    for (const [key, detail] of [...leaves.entries()].sort()) {
      formulas.push({ code: `TREASURY:${key}`, name: `决算支出等于国库支付数（${key.slice(3).replace("=", "")}）`, level: "error", left: [cell(detail, key, 2)], right: [cell("treasury", key, 0)] });
    }
  }
  // 7. Each unit: 年初 + 收入 − 支出 = 年末 in its own books; its 财政拨款 against its summary and what the township paid it.
  for (const u of c.units) {
    const s = unitTableCode(u.budgetUnitId, "unit-summary");
    const a = unitTableCode(u.budgetUnitId, "unit-appropriation");
    formulas.push({ code: `UNIT_CARRY:${u.budgetUnitId}`, name: `${u.unitName}收入支出决算总表年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余`, level: "error", left: [cell(s, "carry-start", 0), cell(s, "revenue", 0), cell(s, "expenditure", 0, -1)], right: [cell(s, "carry-end", 0)] });
    formulas.push({ code: `UNIT_APPROPRIATION:${u.budgetUnitId}`, name: `${u.unitName}财政拨款收入支出决算表财政拨款收入合计等于收入支出决算总表财政拨款预算收入`, level: "error", left: [cell(a, "total", 0)], right: [cell(s, "r:6001", 0)] });
    // Content built before the table had its five columns (an accepted final account of an earlier
    // year) keeps the earlier check: a warning, since its unit's 6001 included unused quota.
    if ((tables.get("unit-check")?.columns.length ?? 0) < 5) {
      formulas.push({ code: `UNIT_PAID:${u.budgetUnitId}`, name: `${u.unitName}财政拨款收入等于乡镇国库支付给该单位的数额`, level: "warning", left: [cell("unit-check", u.budgetUnitId, 1)], right: [cell("unit-check", u.budgetUnitId, 0)] });
      continue;
    }
    // Exact by construction where the unit's 6001 comes only from the automatic postings (ledger/data/
    // README.md); a unit's books with 6001 entered by hand (books kept outside the platform, brought in
    // mid-year, corrections) cannot be matched entry by entry, so there it stays a warning to explain.
    const handEntered = tables.get("unit-check")?.rows.find((r) => r.key === u.budgetUnitId)?.values[5] ?? "0.00";
    const exact = handEntered === "0.00";
    formulas.push({
      code: `UNIT_PAID:${u.budgetUnitId}`,
      name: `${u.unitName}财政拨款收入等于乡镇拨付该单位的数额（本年预算直接支付 + 授权支付额度新下达 + 年末确认财政应返还额度）${exact ? "" : "（该单位账有手工录入的财政拨款收入，差异请在决算说明中解释）"}`,
      level: exact ? "error" : "warning",
      left: [cell("unit-check", u.budgetUnitId, 4)],
      right: [cell("unit-check", u.budgetUnitId, 0), cell("unit-check", u.budgetUnitId, 1), cell("unit-check", u.budgetUnitId, 2)],
    });
  }
  return formulas;
}

function valueOf(tables: ReadonlyMap<string, FinalTableView>, ref: FinalCellRef): bigint {
  const v = tables.get(ref.table)?.rows.find((r) => r.key === ref.row)?.values[ref.column];
  return v ? parseYuan(v, { allowNegative: true }) : 0n;
}

function describe(tables: ReadonlyMap<string, FinalTableView>, terms: readonly Term[]): string {
  return terms
    .map((t, i) => {
      const table = tables.get(t.table);
      const row = table?.rows.find((r) => r.key === t.row);
      const name = `${table?.title ?? t.table}“${row?.label ?? `${t.row.slice(3).replace("=", "")}（无此行）`}”${table?.columns[t.column] ?? ""} ${formatYuan(valueOf(tables, t), { thousands: true })}`;
      return i === 0 ? (t.sign < 0 ? `− ${name}` : name) : `${t.sign < 0 ? "−" : "+"} ${name}`;
    })
    .join(" ");
}

/** Evaluates every formula: both sides, passed or not, and a message naming tables, rows and both amounts. */
export function evaluate(c: Pick<FinalContent, "tables" | "units">, formulas: readonly Formula[] = formulasOf(c)): FinalFormulaResultView[] {
  const tables = tablesByCode(c);
  return formulas.map((f) => {
    const sum = (terms: readonly Term[]) => terms.reduce((s, t) => s + BigInt(t.sign) * valueOf(tables, t), 0n);
    const left = sum(f.left);
    const right = sum(f.right);
    const passed = left === right;
    const message = passed
      ? `${f.name}：${formatYuan(left, { thousands: true })}`
      : `${f.name}不成立：${describe(tables, f.left)}${f.left.length > 1 ? `，合计 ${formatYuan(left, { thousands: true })}` : ""}；${describe(tables, f.right)}${f.right.length > 1 ? `，合计 ${formatYuan(right, { thousands: true })}` : ""}；相差 ${formatYuan(left - right, { thousands: true })}`;
    return { code: f.code, name: f.name, passed, left: formatYuan(left), right: formatYuan(right), message, level: f.level, cells: [...f.left, ...f.right].map(({ table, row, column }) => ({ table, row, column })) };
  });
}

/** The year's 决算数: 全部本年收入合计 and 全部本年支出合计 of the summary. */
export function totalsOf(c: Pick<FinalContent, "tables">): { revenue: string; expenditure: string } {
  const summary = c.tables.find((t) => t.code === "summary");
  const pick = (key: string) => summary?.rows.find((r) => r.key === key)?.values[2] ?? "0.00";
  return { revenue: pick("revenue"), expenditure: pick("expenditure") };
}
