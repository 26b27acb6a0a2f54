// Helpers for the budget and treasury tests: demo users as actors, a catalogue, and indicators.
import { and, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { appUser, userRole, makeActor, type Actor, type RoleCode } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { importCatalog, installDefaultCatalogs } from "../catalog/index.ts";
import { issueIndicator, type IssueIndicatorInput } from "./indicators.ts";
import { TEST_NOW } from "../../test/clock.ts";

export { demoPayeeCreditCode } from "./demo.ts";

export const QINGHE = "329901101";
export const BAITA = "329901102";

export async function actorOf(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`no demo user ${username}`);
  const found = await db.select().from(userRole).where(eq(userRole.userId, user.id));
  return makeActor(user, found.map((r) => r.role as RoleCode));
}

/** The district catalogue for a year: the shipped top levels and a few items below them. */
export async function seedCatalog(tx: Db, admin: Actor, fiscalYear: number): Promise<void> {
  await installDefaultCatalogs(tx, admin, fiscalYear, TEST_NOW);
  const functional = [
    ["20101", "人大事务"],
    ["2010101", "行政运行"],
    ["20103", "政府办公厅（室）及相关机构事务"],
    ["2010301", "行政运行"],
    ["20502", "普通教育"],
    ["2050202", "小学教育"],
    ["21003", "基层医疗卫生机构"],
    ["2100302", "乡镇卫生院"],
    ["21301", "农业农村"],
    ["2130104", "事业运行"],
    ["2130122", "农业生产发展"],
  ];
  await importCatalog(tx, admin, { fiscalYear, kind: "functional", rows: functional.map(([code, name], i) => ({ line: i + 1, code: code!, name: name! })) }, TEST_NOW);
}

export async function activeUnit(db: Db, regionCode: string, nameLike = ""): Promise<typeof budgetUnit.$inferSelect> {
  const units = await db.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, regionCode), eq(budgetUnit.status, "active")));
  const unit = units.find((u) => u.name.includes(nameLike)) ?? units[0];
  if (!unit) throw new Error(`no active budget unit in ${regionCode}`);
  return unit;
}

export async function transferIndicator(tx: Db, actor: Actor, amountFen: bigint, overrides: Partial<IssueIndicatorInput> = {}) {
  const unit = await activeUnit(tx, overrides.regionCode ?? QINGHE, "人民政府");
  return issueIndicator(tx, actor, {
    regionCode: QINGHE,
    fiscalYear: 2026,
    documentNo: "青财预〔2026〕1号",
    source: "upperTransfer",
    budgetUnitId: unit.id,
    functionalCode: "2010301",
    economicCode: "30201",
    fundNature: "upperTransfer",
    paymentMethod: "direct",
    summary: "办公经费",
    amountFen,
    ...overrides,
  }, TEST_NOW);
}

/**
 * Rows of 白塔镇 (329901102) for the data-scope probes: the demo's budget round, a line and an
 * indicator there, and a payment request entered for the test.
 */
export async function budgetScopeFixtures(db: Db): Promise<{ roundId: string; lineId: string; indicatorId: string; paymentId: string; projectId: string; year: number }> {
  const { budgetRound, budgetLine, budgetIndicator, budgetProject } = await import("./tables.ts");
  const { createPayment } = await import("../treasury/index.ts");
  const { demoPayeeCreditCode } = await import("./demo.ts");
  const [round] = await db.select().from(budgetRound).where(eq(budgetRound.regionCode, BAITA));
  const [line] = await db.select().from(budgetLine).where(eq(budgetLine.regionCode, BAITA));
  const [indicator] = await db.select().from(budgetIndicator).where(eq(budgetIndicator.regionCode, BAITA));
  const [project] = await db.select().from(budgetProject).where(eq(budgetProject.regionCode, BAITA));
  if (!round || !line || !indicator || !project) throw new Error("the demo data has no 白塔镇 budget");
  const budget2 = await actorOf(db, "budget2");
  const clerk = makeActor({ id: budget2.userId, username: budget2.username, displayName: budget2.displayName, regionCode: BAITA }, ["budgetUnitClerk"]);
  const payment = await db.transaction((tx) =>
    createPayment(tx as unknown as Db, clerk, null, {
      indicatorId: indicator.id,
      payee: { kind: "organisation", name: "白塔镇建材经营部", creditCode: demoPayeeCreditCode(900), account: "320112345678", bank: "白塔镇农商行" },
      amountFen: 100_00n,
      purpose: "材料款",
      method: indicator.paymentMethod,
      attachments: [],
    }, TEST_NOW),
  );
  return { roundId: round.id, lineId: line.id, indicatorId: indicator.id, paymentId: payment.id, projectId: project.id, year: round.fiscalYear };
}
