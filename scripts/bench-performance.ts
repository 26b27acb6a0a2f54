// Benchmarks of budget performance (figures printed, not asserted):
// 1. the pure scoring rule (@xiangcai/shared scorePerformance, exact fractions): evaluations of 20
//    indicators per second, and the score of every one checked to lie in [0, 100];
// 2. monitoring on PGlite and on PostgreSQL: a district of townships each with accepted target trees
//    of 7 indicators; one report per tree and month entered through the service (colours, execution,
//    audit), reports per second and p50/p99; then the district's monitoring overview (the chart) and
//    a page of reports filtered by colour, as the district and as a township see them, and the
//    district's 绩效目标清单 export of every tree.
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh database is
// created and dropped. Sizes: --evaluations 20000 --townships 14 --sheets 20 --months 6, or --size small.
import { scorePerformance } from "../packages/shared/src/performance.ts";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { uuidv7 } from "../packages/server/src/platform/ids.ts";
import { makeActor } from "../packages/server/src/identity/roles.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { transition } from "../packages/server/src/flow/index.ts";
import { createSheet } from "../packages/server/src/performance/targets.ts";
import { listReports, monitoringOverview, saveMonitoring } from "../packages/server/src/performance/monitoring.ts";
import { targetsWorkbook } from "../packages/server/src/performance/targetsXlsx.ts";
import { registerDomains } from "../packages/server/src/domains.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";

// A benchmark is a composition root: it registers the flows (a tree's review runs on one) as the app does.
registerDomains();

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const EVALUATIONS = arg("evaluations", small ? 2_000 : 20_000);
const TOWNSHIPS = arg("townships", small ? 3 : 14);
const SHEETS = arg("sheets", small ? 5 : 20);
const MONTHS = arg("months", small ? 3 : 6);
const YEAR = 2026;
const DISTRICT = "329901000";
const township = (i: number) => `329901${String(101 + i)}`;
const at = (month: number) => new Date(Date.UTC(YEAR, month, 5, 2));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function scoringBenchmark() {
  const inputs = Array.from({ length: EVALUATIONS }, (_, e) => ({
    executionRate: `0.${String(5000 + ((e * 7919) % 5000)).padStart(4, "0")}`,
    executionWeight: "10",
    indicators: Array.from({ length: 20 }, (_, i) => ({ direction: ([">=", "<=", "="] as const)[(e + i) % 3]!, target: String(100 + i * 13), actual: `${(e * 31 + i * 17) % 250}.${i % 10}`, weight: "4.5" })),
  }));
  let outside = 0;
  const t0 = performance.now();
  for (const input of inputs) {
    const outcome = scorePerformance(input);
    if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join("; "));
    if (outcome.exact.n < 0n || outcome.exact.n > 100n * outcome.exact.d) outside++;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`scoring: ${EVALUATIONS} evaluations of 20 indicators (exact fractions): ${(EVALUATIONS / seconds).toFixed(0)} per second; ${outside} scores outside [0, 100]`);
}

const indicators = [
  { level2: "quantity" as const, name: "建设任务", unit: "项", direction: ">=" as const, target: "12", weight: "20", accumulates: true },
  { level2: "quantity" as const, name: "受益人数", unit: "人", direction: ">=" as const, target: "3000", weight: "15", accumulates: true },
  { level2: "timeliness" as const, name: "按期完成率", unit: "%", direction: ">=" as const, target: "100", weight: "5", accumulates: false },
  { level2: "cost" as const, name: "总成本", unit: "万元", direction: "<=" as const, target: "45", weight: "10", accumulates: true },
  { level2: "social" as const, name: "达标率", unit: "%", direction: ">=" as const, target: "95", weight: "15", accumulates: false },
  { level2: "sustainable" as const, name: "长效机制", unit: "项", direction: "=" as const, target: "1", weight: "15", accumulates: false },
  { level2: "serviceRecipient" as const, name: "满意度", unit: "%", direction: ">=" as const, target: "90", weight: "10", accumulates: false },
];

async function monitoringBenchmark(label: string, database: Database) {
  await migrate(database);
  const system = { id: null, name: "bench" };
  const supervisor = makeActor({ id: uuidv7(), username: "bench-supervisor", displayName: "监管员", regionCode: DISTRICT }, ["districtSupervisor"]);
  const sheets: { id: string; clerk: ReturnType<typeof makeActor> }[] = [];
  const t0 = performance.now();
  await database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, system, { regionCode: DISTRICT, name: "青禾区" }, new Date());
    for (let i = 0; i < TOWNSHIPS; i++) {
      await createRegion(tx, system, { regionCode: township(i), name: `第${i + 1}镇` }, new Date());
      const clerk = makeActor({ id: uuidv7(), username: `bench-clerk-${i}`, displayName: `经办人${i}`, regionCode: township(i) }, ["budgetUnitClerk"]);
      const reviewer = makeActor({ id: uuidv7(), username: `bench-budget-${i}`, displayName: `总预算会计${i}`, regionCode: township(i) }, ["generalBudgetAccountant"]);
      for (let s = 0; s < SHEETS; s++) {
        const sheet = await createSheet(tx, clerk, { regionCode: township(i), fiscalYear: YEAR, subjectKind: "policy", subjectRef: `政策${s}`, subjectName: `政策${s}`, overallGoal: "基准", indicators, submit: true }, at(0));
        await transition(tx, reviewer, { instanceId: sheet.flowInstanceId!, action: "accept", expectedState: "submitted" }, at(0));
        sheets.push({ id: sheet.id, clerk });
      }
    }
  });
  console.log(`${label}: ${TOWNSHIPS} townships × ${SHEETS} accepted trees made and reviewed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const latencies: number[] = [];
  const started = performance.now();
  let reds = 0;
  for (let m = 1; m <= MONTHS; m++) {
    for (const [n, sheet] of sheets.entries()) {
      const percent = [45, 70, 95, 130][(n + m) % 4]!;
      const values = indicators.map((ind, i) => {
        const expected = ind.accumulates ? (Number(ind.target) * m) / 12 : Number(ind.target);
        const actual = ind.direction === "=" ? ind.target : ind.direction === "<=" ? ((expected * 100) / percent).toFixed(2) : ((expected * percent) / 100).toFixed(2);
        return { indicatorNo: i + 1, actual, ...(percent < 60 ? { reason: "进度滞后", measure: "加快实施" } : {}) };
      });
      const t1 = performance.now();
      const report = await database.db.transaction((t) => saveMonitoring(t as unknown as Db, sheet.clerk, sheet.id, { month: m, values }, at(m)));
      latencies.push(performance.now() - t1);
      reds += report.redCount;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`  ${latencies.length} monthly reports of 7 indicators: ${(latencies.length / seconds).toFixed(0)} per second, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${reds} red values)`);
  const director = makeActor({ id: uuidv7(), username: "bench-director", displayName: "所长", regionCode: township(0) }, ["townshipDirector"]);
  for (const [who, actor] of [["district", supervisor], ["township", director]] as const) {
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t1 = performance.now();
        await fn();
        runs.push(performance.now() - t1);
      }
      return runs.sort((a, b) => a - b)[2]!.toFixed(1);
    };
    const overview = await time(() => monitoringOverview(database.db, actor, YEAR));
    const page = await time(() => listReports(database.db, actor, { fiscalYear: YEAR, colour: "red" }, { limit: 20, offset: 0 }));
    console.log(`  as the ${who}: monitoring overview (chart) ${overview} ms, a page of red reports ${page} ms (median of 5)`);
  }
  const t2 = performance.now();
  const file = await targetsWorkbook(database.db, supervisor, { fiscalYear: YEAR });
  console.log(`  the district's 绩效目标清单 export of ${sheets.length} trees: ${(performance.now() - t2).toFixed(0)} ms (${(file.length / 1024).toFixed(0)} KB)`);
}

scoringBenchmark();
await onEmbedded((database) => monitoringBenchmark("PGlite", database));
await onPostgres((database) => monitoringBenchmark("PostgreSQL", database), { url: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", max: 4 });
