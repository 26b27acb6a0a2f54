// The monthly debt report (债务月报) as a kind of the report-up mechanism (reporting/): built from the
// township's register at the time it is prepared, checked by the balance identity, added up by the
// district, ranked on the district's page by the debt ratio with its colour.
import { eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { readSetting } from "../platform/settings.ts";
import type { ReportKind, ReportPeriod } from "../reporting/index.ts";
import { loadDebts, thresholdsSetting } from "./common.ts";
import { capacityOf } from "./indicators.ts";
import { checkMonthly, consolidateMonthly, monthlyContent, parseThresholds, DEFAULT_THRESHOLDS, type DebtMonthlyContent } from "./rules.ts";
import { debt } from "./tables.ts";

export const DEBT_MONTHLY_REPORT = "debtMonthly";

async function build(tx: Db, input: { regionCode: string; period: ReportPeriod }): Promise<DebtMonthlyContent> {
  const loaded = await loadDebts(tx, eq(debt.regionCode, input.regionCode));
  const capacity = await capacityOf(tx, input.regionCode, input.period.year);
  const thresholds = await readSetting(tx, input.regionCode, thresholdsSetting);
  return monthlyContent(loaded.map((l) => l.facts), { month: input.period.code, firstDate: input.period.firstDate, lastDate: input.period.lastDate, capacityFen: capacity.totalFen, thresholds });
}

export const debtMonthlyReport: ReportKind<DebtMonthlyContent> = {
  code: DEBT_MONTHLY_REPORT,
  name: "债务月报",
  periodicity: "month",
  deadlineDays: 10,
  preparerRoles: ["generalBudgetAccountant", "townshipDirector"],
  reviewerRoles: ["districtSupervisor"],
  build,
  check: checkMonthly,
  // The district's thresholds are the defaults unless set; the colour of the total is recomputed on its page.
  consolidate: (parts) => consolidateMonthly(parts.map((p) => p.content), parseThresholds(DEFAULT_THRESHOLDS)),
  summary: (c) => ({
    figures: { balance: c.closing.total, newDebt: c.newDebt.total, repaid: c.repaidPrincipal.total, overdue: c.overdue.principal, arrearsCleared: c.arrearsCleared, capacity: c.capacity, debtRatio: c.debtRatio === null ? "—" : `${c.debtRatio}%` },
    rankValue: c.debtRatio,
    colour: c.colour,
  }),
  summaryColumns: [
    { key: "balance", label: "债务余额（元）", money: true },
    { key: "newDebt", label: "本月新增", money: true },
    { key: "repaid", label: "本月偿还本金", money: true },
    { key: "overdue", label: "逾期本金", money: true },
    { key: "arrearsCleared", label: "清偿拖欠", money: true },
    { key: "capacity", label: "综合财力", money: true },
    { key: "debtRatio", label: "债务率" },
  ],
  rank: { label: "债务率", direction: "desc" },
};

/** A township's debt over a fiscal year from the register (the final accounts' 债务 table): balances by kind at the year's start and end, drawn and repaid. */
export async function debtYearPosition(tx: Db, regionCode: string, year: number): Promise<Pick<DebtMonthlyContent, "opening" | "newDebt" | "repaidPrincipal" | "closing" | "repaidInterest">> {
  const loaded = await loadDebts(tx, eq(debt.regionCode, regionCode));
  const c = monthlyContent(loaded.map((l) => l.facts), { month: String(year), firstDate: `${year}-01-01`, lastDate: `${year}-12-31`, capacityFen: 0n, thresholds: parseThresholds(DEFAULT_THRESHOLDS) });
  return { opening: c.opening, newDebt: c.newDebt, repaidPrincipal: c.repaidPrincipal, closing: c.closing, repaidInterest: c.repaidInterest };
}
