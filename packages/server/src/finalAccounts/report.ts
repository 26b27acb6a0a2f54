// The final accounts as a kind of the report-up mechanism (reporting/): a township's 乡镇财政总决算 for
// a year, built from its books when prepared, checked by the audit formulas (an error blocks
// submission, a warning must be explained), reviewed by the district, which sees every township on
// one page with the consolidated total (transfers between the district and its townships taken out).
import { parseYuan, formatYuan, type FinalTableView } from "@xiangcai/shared";
import type { ReportKind, ReportProblem } from "../reporting/index.ts";
import { buildFinalContent } from "./build.ts";
import { evaluate, totalsOf, type FinalContent } from "./rules.ts";

export const FINAL_ACCOUNTS_REPORT = "finalAccounts";

/** The problems a content has: failing formulas (errors and warnings), books not kept, 说明 missing. */
export function problemsOf(c: FinalContent): ReportProblem[] {
  const problems: ReportProblem[] = evaluate(c)
    .filter((r) => !r.passed)
    .map((r) => ({ level: r.level, code: r.code, message: r.message }));
  if (!c.hasBooks) problems.push({ level: "warning", code: "NO_BOOKS", message: `${c.year}年度没有在本系统记财政总会计账，决算数为空，请说明` });
  if (!c.note.trim()) problems.push({ level: "error", code: "NOTE_MISSING", message: "决算说明未填写：请说明收支执行、结转结余、债务和重要事项" });
  return problems;
}

const ELIMINATED = { transfer: "上级补助收入", remittance: "上解支出" } as const;

/** Sums townships' tables cell by cell (rows in first-seen order), then takes transfers between the district and its townships out of the summary. */
export function consolidateFinal(parts: readonly { regionCode: string; regionName: string; content: FinalContent }[]): FinalContent {
  const tables = new Map<string, { view: FinalTableView; rows: Map<string, { label: string; level: number; total?: boolean; sumOf?: string[]; values: (bigint | null)[] }> }>();
  for (const p of parts) {
    for (const t of p.content.tables) {
      if (t.code === "unit-check") continue;
      const entry = tables.get(t.code) ?? { view: t, rows: new Map() };
      for (const r of t.rows) {
        const row = entry.rows.get(r.key) ?? { label: r.label, level: r.level, ...(r.total ? { total: true } : {}), ...(r.sumOf ? { sumOf: [...r.sumOf] } : {}), values: r.values.map((v) => (v === null ? null : 0n)) };
        r.values.forEach((v, i) => {
          if (v !== null) row.values[i] = (row.values[i] ?? 0n) + parseYuan(v, { allowNegative: true });
        });
        if (r.sumOf && row.sumOf) for (const k of r.sumOf) if (!row.sumOf.includes(k)) row.sumOf.push(k);
        entry.rows.set(r.key, row);
      }
      tables.set(t.code, entry);
    }
  }
  const out: FinalTableView[] = [];
  for (const [code, { view, rows }] of tables) {
    const list = [...rows.entries()].map(([key, r]) => ({ key, label: r.label, level: r.level, ...(r.total ? { total: true } : {}), ...(r.sumOf ? { sumOf: r.sumOf } : {}), values: r.values.map((v) => (v === null ? null : formatYuan(v))) }));
    if (code === "summary") {
      const at = (key: string) => rows.get(key)?.values[2] ?? 0n;
      const transfer = at("g:transfer") + at("f:transfer");
      const remittance = at("g:remittance") + at("f:remittance");
      list.push(
        { key: "eliminate-transfer", label: `减：${ELIMINATED.transfer}（区对乡镇，合并抵消）`, level: 1, values: [null, null, formatYuan(transfer)] },
        { key: "eliminate-remittance", label: `减：${ELIMINATED.remittance}（乡镇对区，合并抵消）`, level: 1, values: [null, null, formatYuan(remittance)] },
        { key: "net-revenue", label: "合并本年收入（抵消后）", level: 0, total: true, values: [null, null, formatYuan(at("revenue") - transfer)] },
        { key: "net-expenditure", label: "合并本年支出（抵消后）", level: 0, total: true, values: [null, null, formatYuan(at("expenditure") - remittance)] },
      );
    }
    out.push({ ...view, rows: list, source: `${parts.length} 个乡镇（街道）已上报决算合计；${view.source}` });
  }
  return { regionCode: "", regionName: "合计", year: parts[0]?.content.year ?? 0, hasBooks: parts.every((p) => p.content.hasBooks), tables: out, units: [], note: "" };
}

export const finalAccountsReport: ReportKind<FinalContent> = {
  code: FINAL_ACCOUNTS_REPORT,
  name: "乡镇财政总决算",
  periodicity: "year",
  // Due at the end of February (the 59th day after 31 December; 29 February in a leap year is the day before).
  deadlineDays: 59,
  preparerRoles: ["generalBudgetAccountant", "townshipDirector"],
  reviewerRoles: ["districtSupervisor"],
  reviewWorkingDays: 10,
  resubmitWorkingDays: 5,
  build: (tx, input) => buildFinalContent(tx, input.regionCode, input.period.year),
  check: problemsOf,
  consolidate: consolidateFinal,
  summary: (c) => {
    const totals = totalsOf(c);
    const results = evaluate(c);
    const failed = results.filter((r) => !r.passed && r.level === "error").length;
    return { figures: { revenue: totals.revenue, expenditure: totals.expenditure, formulas: failed ? `${failed} 项未通过` : `全部通过（${results.length}）` }, colour: failed ? "red" : "green" };
  },
  summaryColumns: [
    { key: "revenue", label: "本年收入合计（元）", money: true },
    { key: "expenditure", label: "本年支出合计（元）", money: true },
    { key: "formulas", label: "审核公式" },
  ],
};
