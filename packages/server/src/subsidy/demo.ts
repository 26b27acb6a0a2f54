// Demo data for subsidies: items, policy articles, and the personal data (registry, rosters in every
// state, a paid batch with one failed line), sealed with the deployment's data keys.
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import type { Actor } from "../identity/index.ts";
import { createItem } from "./items.ts";
import { saveArticle } from "./publicQuery.ts";
import { seedPersonalDemo } from "./demoPersonal.ts";

export const DEMO_TOWNSHIP = "329901101";
/** The item code README names for trying `roster check`. */
export const DEMO_ITEM_CODE = "GDDLBH";

export interface SubsidyDemoContext {
  actor(username: string): Actor;
  keys: DataKeys;
  now: Date;
}

export async function seedSubsidyDemo(tx: Db, context: SubsidyDemoContext): Promise<void> {
  const clerk = context.actor("subsidy");
  const items = [
    { code: DEMO_ITEM_CODE, name: "耕地地力保护补贴", basis: "household" as const, unit: "亩", standardFen: 10_550n, periodKind: "year" as const, fundSource: "中央财政", functionalCode: "213", economicCode: "303" },
    { code: "NJGZ", name: "农机购置补贴", basis: "household" as const, unit: "台", standardFen: 300_000n, periodKind: "year" as const, fundSource: "中央财政", functionalCode: "213", economicCode: "303" },
    { code: "STGYL", name: "生态公益林补偿", basis: "household" as const, unit: "亩", standardFen: 1_600n, periodKind: "year" as const, fundSource: "省级财政", functionalCode: "213", economicCode: "303" },
    { code: "GLJT", name: "高龄津贴", basis: "person" as const, unit: "月", standardFen: 10_000n, periodKind: "month" as const, fundSource: "区级财政", functionalCode: "208", economicCode: "303" },
  ];
  for (const item of items) await createItem(tx, clerk, { regionCode: DEMO_TOWNSHIP, ...item }, context.now);
  await saveArticle(tx, clerk, { regionCode: DEMO_TOWNSHIP, title: "耕地地力保护补贴政策问答", body: "补贴对象为拥有耕地承包权的种地农民。补贴标准以二轮承包面积为依据，2026 年每亩 105.50 元，通过“一卡通”直接发放到户主的社保卡。对公示名单有异议的，可在公示期内向村委会或镇财政所反映。", published: true }, context.now);
  await saveArticle(tx, clerk, { regionCode: DEMO_TOWNSHIP, title: "高龄津贴发放说明", body: "年满 80 周岁的本区户籍老人每月可领取高龄津贴 100 元，按月发放到本人社保卡。老人去世后须及时告知村（居）委会，停止发放。", published: true }, context.now);
  await seedPersonalDemo(tx, context.keys, context.now);
}

