// Report kinds for the mechanism's own tests: real builds from the demo's regions (population and
// villages), a pure check with a warning, a sum, and a ranked figure; and a kind whose check always
// fails, to prove an erroneous report is never submitted.
import { and, eq, like, sql } from "drizzle-orm";
import { formatDecimal, ratioOf } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import type { ReportKind } from "./definition.ts";
import type { ReportPeriod } from "./rules.ts";

interface Headcount extends Record<string, unknown> {
  population: number;
  villages: number;
}

async function headcount(tx: Db, input: { regionCode: string; period: ReportPeriod }): Promise<Headcount> {
  const [own] = await tx.select({ population: region.population }).from(region).where(eq(region.regionCode, input.regionCode));
  const [villages] = await tx.select({ n: sql<number>`count(*)::int` }).from(region).where(and(eq(region.level, "village"), like(region.regionCode, `${input.regionCode}%`)));
  return { population: own?.population ?? 0, villages: villages?.n ?? 0 };
}

export const headcountReport: ReportKind<Headcount> = {
  code: "testHeadcount",
  name: "人口与村居统计（测试）",
  periodicity: "month",
  deadlineDays: 10,
  preparerRoles: ["generalBudgetAccountant", "townshipDirector"],
  reviewerRoles: ["districtSupervisor"],
  build: headcount,
  check: (c) => [
    ...(c.villages === 0 ? [{ level: "error" as const, code: "NO_VILLAGES", message: "没有村（居）委会" }] : []),
    ...(c.population > 45_000 ? [{ level: "warning" as const, code: "LARGE", message: `人口 ${c.population} 超过 45000，请核实` }] : []),
  ],
  consolidate: (parts) => ({ population: parts.reduce((s, p) => s + p.content.population, 0), villages: parts.reduce((s, p) => s + p.content.villages, 0) }),
  summary: (c) => {
    const perVillage = c.villages ? formatDecimal(ratioOf(BigInt(c.population), BigInt(c.villages), 2)) : null;
    return { figures: { population: String(c.population), villages: String(c.villages), perVillage: perVillage ?? "—" }, rankValue: perVillage, colour: c.population > 45_000 ? "yellow" : "green" };
  },
  summaryColumns: [
    { key: "population", label: "人口" },
    { key: "villages", label: "村（居）数" },
    { key: "perVillage", label: "村均人口" },
  ],
  rank: { label: "村均人口", direction: "desc" },
};

export const alwaysWrongReport: ReportKind<{ note: string }> = {
  code: "testAlwaysWrong",
  name: "必错报表（测试）",
  periodicity: "year",
  deadlineDays: 59,
  preparerRoles: ["generalBudgetAccountant"],
  reviewerRoles: ["districtSupervisor"],
  build: async () => ({ note: "x" }),
  check: () => [{ level: "error", code: "ALWAYS", message: "收支不平衡" }],
  consolidate: () => ({ note: "sum" }),
  summary: () => ({ figures: {} }),
  summaryColumns: [],
};
