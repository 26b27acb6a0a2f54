// Demo data: a fictional district (青禾区, code 329901 — prefecture 99 does not exist in Jiangsu)
// with 14 townships (4 街道, 10 镇), villages, budget units, one user per role and matters in flow.
// Everything goes through the domain services, so the audit chain and flows are real.
import { sql } from "drizzle-orm";
import { creditCodeCheckChar } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { putSetting } from "../platform/settings.ts";
import { hashPassword, makeActor, TOTP_REQUIRED_ROLES_KEY, appUser, userRole, type Actor, type RoleCode } from "../identity/index.ts";
import { createBudgetUnit, createRegion } from "../org/index.ts";
import { region } from "../platform/regionTable.ts";
import { transition } from "../flow/index.ts";
import { uuidv7 } from "../platform/ids.ts";
import { invariant } from "../platform/errors.ts";
import { registerDomains } from "../domains.ts";
import { seedBudgetDemo } from "../budget/demo.ts";
import { seedTownshipsBudgetDemo } from "../budget/demoTownships.ts";
import { seedSubsidyDemo } from "../subsidy/demo.ts";
import { seedTownshipsSubsidyDemo } from "../subsidy/demoTownships.ts";
import { seedLedgerDemo } from "../ledger/demo.ts";
import { demoTargetsForLine, seedPerformanceDemo } from "../performance/demo.ts";
import { seedDebtDemo } from "../debt/demo.ts";
import { seedRegistersDemo } from "../registers/demo.ts";
import { seedParkCreditDemo } from "../debt/parkCreditDemo.ts";
import { seedFiscalDemo } from "../ledger/fiscalDemo.ts";
import { seedSupervisionDemo } from "../supervision/demo.ts";
import { seedFinalAccountsDemo } from "../finalAccounts/demo.ts";
import { seedHallDemo } from "../serviceHall/demo.ts";

export const DEMO_DISTRICT = "329901000";
export const DEMO_PASSWORD = "Demo@2026xc";

export const demoTownships: { code: string; name: string; population: number }[] = [
  { code: "329901001", name: "城东街道", population: 62_000 },
  { code: "329901002", name: "城西街道", population: 58_500 },
  { code: "329901003", name: "新河街道", population: 41_200 },
  { code: "329901004", name: "柳湾街道", population: 35_800 },
  { code: "329901101", name: "青禾镇", population: 48_600 },
  { code: "329901102", name: "白塔镇", population: 39_400 },
  { code: "329901103", name: "龙湾镇", population: 33_100 },
  { code: "329901104", name: "桃源镇", population: 29_700 },
  { code: "329901105", name: "石桥镇", population: 27_300 },
  { code: "329901106", name: "双河镇", population: 31_900 },
  { code: "329901107", name: "杨集镇", population: 26_400 },
  { code: "329901108", name: "马庄镇", population: 24_800 },
  { code: "329901109", name: "沙沟镇", population: 22_500 },
  { code: "329901110", name: "丰乐镇", population: 30_600 },
];

const villageNames = ["东风", "红旗", "前进", "幸福", "长青", "新民", "和平", "光明", "永安", "富民"];
const committeeNames = ["北门社区", "南关社区", "河滨社区"];

export interface DemoUser {
  username: string;
  displayName: string;
  regionCode: string;
  roles: RoleCode[];
}

export const demoUsers: DemoUser[] = [
  { username: "admin", displayName: "周志刚", regionCode: DEMO_DISTRICT, roles: ["districtAdmin"] },
  { username: "supervisor", displayName: "陈晓梅", regionCode: DEMO_DISTRICT, roles: ["districtSupervisor"] },
  { username: "auditor", displayName: "林审", regionCode: DEMO_DISTRICT, roles: ["auditor"] },
  { username: "director", displayName: "王建国", regionCode: "329901101", roles: ["townshipDirector"] },
  { username: "budget", displayName: "李秀英", regionCode: "329901101", roles: ["generalBudgetAccountant"] },
  { username: "unitacct", displayName: "张伟", regionCode: "329901101", roles: ["unitAccountant"] },
  { username: "subsidy", displayName: "刘芳", regionCode: "329901101", roles: ["subsidyClerk"] },
  { username: "cashier", displayName: "赵敏", regionCode: "329901101", roles: ["cashier"] },
  { username: "archivist", displayName: "孙丽", regionCode: "329901101", roles: ["archivist"] },
  { username: "unitclerk", displayName: "吴强", regionCode: "329901101", roles: ["budgetUnitClerk"] },
  { username: "congress", displayName: "郑国华", regionCode: "329901101", roles: ["congressReviewer"] },
  { username: "village", displayName: "何大勇", regionCode: "329901101201", roles: ["villageReviewer"] },
  { username: "director2", displayName: "马红", regionCode: "329901102", roles: ["townshipDirector"] },
  { username: "budget2", displayName: "高明", regionCode: "329901102", roles: ["generalBudgetAccountant"] },
];

/** Who does what in a township: the usernames separation of duties needs to move its matters. */
export interface TownshipStaff {
  director: string;
  budget: string;
  unitAccountant: string;
  clerk: string;
  cashier: string;
  subsidy: string;
}

const staffRoles: { key: keyof TownshipStaff; prefix: string; role: RoleCode; title: string }[] = [
  { key: "director", prefix: "dir", role: "townshipDirector", title: "所长" },
  { key: "budget", prefix: "bud", role: "generalBudgetAccountant", title: "总预算会计" },
  { key: "unitAccountant", prefix: "acct", role: "unitAccountant", title: "行财会计" },
  { key: "clerk", prefix: "clerk", role: "budgetUnitClerk", title: "预算单位经办人" },
  { key: "cashier", prefix: "cash", role: "cashier", title: "出纳" },
  { key: "subsidy", prefix: "sub", role: "subsidyClerk", title: "惠农补贴专管员" },
];

/**
 * A township's staff: the named demo user where there is one (青禾镇's, 白塔镇's director2 and
 * budget2), else a generated one named prefix + the township code's last three digits (dir001,
 * bud001, acct001, clerk001, cash001, sub001 … sub110).
 */
export function townshipStaff(code: string): TownshipStaff {
  const staff = {} as TownshipStaff;
  for (const r of staffRoles) staff[r.key] = demoUsers.find((u) => u.regionCode === code && u.roles.includes(r.role))?.username ?? `${r.prefix}${code.slice(6)}`;
  return staff;
}

/** The generated staff of every township (the users townshipStaff names that demoUsers does not hold). */
export function generatedStaff(): DemoUser[] {
  const named = new Set(demoUsers.map((u) => u.username));
  return demoTownships.flatMap((t) => {
    const staff = townshipStaff(t.code);
    return staffRoles.filter((r) => !named.has(staff[r.key])).map((r) => ({ username: staff[r.key], displayName: `${t.name}${r.title}`, regionCode: t.code, roles: [r.role] }));
  });
}

/** A valid unified social credit code for a demo budget unit (authority 1, 机构编制). */
export function demoCreditCode(category: "1" | "2", index: number): string {
  const orgCode = `Q${String(index).padStart(8, "0")}`;
  const first17 = `1${category}329901${orgCode}`;
  return first17 + creditCodeCheckChar(first17);
}

const unitTemplates: { suffix: string; kind: "administrative" | "publicInstitution"; category: "1" | "2" }[] = [
  { suffix: "人民政府", kind: "administrative", category: "1" },
  { suffix: "中心小学", kind: "publicInstitution", category: "2" },
  { suffix: "卫生院", kind: "publicInstitution", category: "2" },
  { suffix: "农业农村服务中心", kind: "publicInstitution", category: "2" },
];

/** What a domain's demo seeder gets: the demo users as actors, the data keys, and the moment of seeding. */
export interface DemoContext {
  actor(username: string): Actor;
  /** The deployment's personal-data keys: demo ID and card numbers are sealed like real ones. */
  keys: DataKeys;
  now: Date;
  /** The district's fourteen townships with their staff, for the data every township has. */
  townships: readonly DemoTownshipWithStaff[];
}

export interface DemoTownshipWithStaff {
  code: string;
  name: string;
  population: number;
  staff: TownshipStaff;
}

export async function seedDemo(tx: Db, keys: DataKeys, now: Date): Promise<void> {
  registerDomains();
  const system = { id: null, name: "系统（演示数据）" };
  await createRegion(tx, system, { regionCode: DEMO_DISTRICT, name: "青禾区", population: 512_000 }, now);
  for (const t of demoTownships) {
    await createRegion(tx, system, { regionCode: t.code, name: t.name, population: t.population }, now);
    const isStreet = t.code.slice(6, 7) === "0";
    const names = isStreet ? committeeNames : villageNames.slice(0, 4);
    for (const [i, name] of names.entries()) {
      const village = isStreet ? String(i + 1).padStart(3, "0") : String(201 + i);
      await createRegion(tx, system, { regionCode: `${t.code}${village}`, name: isStreet ? name : `${name}村`, population: null }, now);
    }
  }
  // Demo logins use passwords only; production keeps the default (directors and admins need TOTP).
  await putSetting(tx, DEMO_DISTRICT, TOTP_REQUIRED_ROLES_KEY, [], null, now);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actors = new Map<string, Actor>();
  // One insert for the users and one for their roles (some eighty users).
  const users = [...demoUsers, ...generatedStaff()].map((u) => ({ ...u, id: uuidv7() }));
  await tx.insert(appUser).values(users.map((u) => ({ id: u.id, regionCode: u.regionCode, username: u.username, displayName: u.displayName, passwordHash })));
  await tx.insert(userRole).values(users.flatMap((u) => u.roles.map((role) => ({ userId: u.id, role }))));
  for (const u of users) actors.set(u.username, makeActor({ id: u.id, username: u.username, displayName: u.displayName, regionCode: u.regionCode }, u.roles));
  const actor = (name: string): Actor => {
    const a = actors.get(name);
    invariant(a, `demo user ${name}`);
    return a;
  };

  // Registered budget units in every township: entered by the budget accountant, approved by the director.
  let index = 1;
  for (const t of demoTownships) {
    for (const tpl of unitTemplates) {
      const isQinghe = t.code === "329901101";
      const isBaita = t.code === "329901102";
      const enteredBy = isQinghe ? actor("budget") : isBaita ? actor("budget2") : actor("admin");
      const unit = await createBudgetUnit(tx, enteredBy, {
        regionCode: t.code,
        creditCode: demoCreditCode(tpl.category, index++),
        name: `${t.name}${tpl.suffix}`,
        kind: tpl.kind,
      }, now);
      const approver = actor(townshipStaff(t.code).director);
      invariant(unit.flowInstanceId, "a new budget unit has a registration flow");
      await transition(tx, approver, { instanceId: unit.flowInstanceId, action: "approve", expectedState: "submitted" }, now);
    }
  }

  // Matters waiting for the 青禾镇 director: one fresh, one overdue (entered two weeks ago).
  const twoWeeksAgo = new Date(now.getTime() - 14 * 86_400_000);
  await createBudgetUnit(tx, actor("budget"), { regionCode: "329901101", creditCode: demoCreditCode("2", index++), name: "青禾镇文化站", kind: "publicInstitution" }, twoWeeksAgo);
  await createBudgetUnit(tx, actor("budget"), { regionCode: "329901101", creditCode: demoCreditCode("2", index++), name: "青禾镇敬老院", kind: "publicInstitution" }, now);
  await createBudgetUnit(tx, actor("unitacct"), { regionCode: "329901101", creditCode: demoCreditCode("1", index++), name: "青禾镇退役军人服务站", kind: "administrative" }, now);

  // Each domain's own demo data, in dependency order: one line per domain (its demo.ts).
  const context: DemoContext = { actor, keys, now, townships: demoTownships.map((t) => ({ ...t, staff: townshipStaff(t.code) })) };
  await seedBudgetDemo(tx, { ...context, projectLineEntered: demoTargetsForLine(context) });
  // Every other township's budget, payments and rosters, for the district's side-by-side views.
  await seedTownshipsBudgetDemo(tx, context);
  await seedSubsidyDemo(tx, context);
  await seedTownshipsSubsidyDemo(tx, context);
  await seedLedgerDemo(tx, context);
  await seedPerformanceDemo(tx, context);
  await seedDebtDemo(tx, context);
  await seedRegistersDemo(tx, context);
  await seedFiscalDemo(tx, context);
  await seedSupervisionDemo(tx, context);
  await seedParkCreditDemo(tx, context);
  await seedFinalAccountsDemo(tx, context);
  await seedHallDemo(tx, context);
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<bigint>`count(*)` }).from(region);
  return (row?.n ?? 0n) === 0n;
}

export async function seedDemoIfEmpty(db: Db, keys: DataKeys, now: Date): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await db.transaction(async (tx) => seedDemo(tx as unknown as Db, keys, now));
  return true;
}
