// Debt benchmark (npm run bench picks it up): the schedule rules and the monthly report's figures at
// province scale, pure and exact (bigint fen). Prints lines per second for the three methods over 360
// monthly periods, and the time to build a township's monthly report from 1,000 debts of 40 lines each.
import { performance } from "node:perf_hooks";
import { parseDecimal } from "@xiangcai/shared";
import { generateSchedule, type ScheduleTerms } from "../packages/server/src/debt/schedule.ts";
import { checkMonthly, monthlyContent, parseThresholds, DEFAULT_THRESHOLDS, type DebtFacts } from "../packages/server/src/debt/rules.ts";

const size = process.argv.includes("--size") ? process.argv[process.argv.indexOf("--size") + 1] : "normal";
const schedules = size === "small" ? 200 : 2_000;

for (const method of ["bullet", "equalPrincipal", "annuity"] as const) {
  const start = performance.now();
  let lines = 0;
  for (let i = 0; i < schedules; i++) {
    const terms: ScheduleTerms = { principalFen: BigInt(100_000_00 + i * 137), annualRatePercent: parseDecimal(`${3 + (i % 200) / 100}`), startDate: "2026-01-31", periods: 360, frequency: "monthly", method };
    lines += generateSchedule(terms).length;
  }
  const ms = performance.now() - start;
  console.log(`schedule ${method.padEnd(14)} ${schedules} × 360 periods: ${ms.toFixed(0)} ms, ${Math.round((lines / ms) * 1000).toLocaleString("en")} lines/s`);
}

const debts: DebtFacts[] = [];
for (let i = 0; i < (size === "small" ? 100 : 1_000); i++) {
  const lines = generateSchedule({ principalFen: 1_000_000_00n, annualRatePercent: parseDecimal("3.25"), startDate: "2024-03-31", periods: 40, frequency: "quarterly", method: "equalPrincipal" });
  debts.push({ kind: (["bond", "loan", "arrears", "other"] as const)[i % 4]!, isHidden: i % 7 === 0, principalFen: 1_000_000_00n, startDate: "2024-03-31", lines, repayments: lines.slice(0, 8).map((l) => ({ period: l.period, principalFen: l.principalFen, interestFen: l.interestFen, state: "paid" as const, paidDate: l.dueDate })) });
}
const start = performance.now();
const content = monthlyContent(debts, { month: "2026-11", firstDate: "2026-11-01", lastDate: "2026-11-30", capacityFen: 500_000_000_00n, thresholds: parseThresholds(DEFAULT_THRESHOLDS) });
const problems = checkMonthly(content);
console.log(`monthly report of ${debts.length} debts × 40 lines: ${(performance.now() - start).toFixed(0)} ms (balance ${content.closing.total}, ratio ${content.debtRatio}%, ${problems.length} findings)`);
