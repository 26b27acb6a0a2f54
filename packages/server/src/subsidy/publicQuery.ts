// The residents' query (kiosk, 一卡通 查询) and the policy articles shown beside it.
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { checkResidentId, formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { type DataKeys } from "../platform/crypto.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { publicStatus } from "./rules.ts";
import { residentIdIndex } from "./check.ts";
import { subsidyArticle, subsidyItem, subsidyRoster, subsidyRosterLine, type RosterStatus } from "./tables.ts";
import { fail, townshipFor, who } from "./common.ts";
import { paymentFacts } from "./rosterLines.ts";
import type { ArticleView, PublicQueryItem } from "@xiangcai/shared";
export type { ArticleView, PublicQueryItem };

/** Rosters a resident can see: from the public notice on; drafts and refusals are not shown. */
const PUBLIC_STATUSES: RosterStatus[] = ["notice", "districtReview", "payment", "closed"];

/**
 * The residents' query by ID number and name. The lines are found by blind index and compared
 * by name; a wrong name gives exactly what an unknown ID gives (no items), and both paths run the
 * same queries, so neither the answer nor its timing tells who is registered.
 */
export async function publicQuery(db: Db, keys: DataKeys, input: { idNumber: string; name: string }): Promise<{ items: PublicQueryItem[] }> {
  const id = checkResidentId(input.idNumber.trim());
  const normalized = id.valid ? id.normalized : input.idNumber.trim().toUpperCase();
  const index = residentIdIndex(keys, normalized);
  const found = await db
    .select({ line: subsidyRosterLine, roster: subsidyRoster, itemName: subsidyItem.name })
    .from(subsidyRosterLine)
    .innerJoin(subsidyRoster, and(eq(subsidyRoster.regionCode, subsidyRosterLine.regionCode), eq(subsidyRoster.id, subsidyRosterLine.rosterId)))
    .leftJoin(subsidyItem, and(eq(subsidyItem.regionCode, subsidyRoster.regionCode), eq(subsidyItem.code, subsidyRoster.itemCode)))
    .where(and(eq(subsidyRosterLine.residentIdIndex, index), eq(subsidyRosterLine.withdrawn, false), inArray(subsidyRoster.status, PUBLIC_STATUSES)))
    .orderBy(desc(subsidyRoster.period), asc(subsidyRoster.itemCode))
    .limit(200);
  const name = input.name.trim();
  const mine = found.filter((f) => f.line.name === name);
  const items: PublicQueryItem[] = [];
  for (const f of mine) {
    const facts = await paymentFacts(db, f.line.regionCode, f.line.rosterId, [f.line.lineNo]);
    const s = facts(f.line.lineNo);
    items.push({ item: f.itemName ?? f.roster.itemCode, period: f.roster.period, amount: formatYuan(f.line.amountFen), status: publicStatus(s.status), paidAt: s.paidOn, cardMasked: f.line.cardMasked });
  }
  return { items };
}

const articleView = (a: typeof subsidyArticle.$inferSelect): ArticleView => ({ id: a.id, regionCode: a.regionCode, title: a.title, body: a.body, published: a.published, updatedAt: a.updatedAt.toISOString() });

export async function listArticles(db: Db, filter: { scopePrefix?: string; regionCode?: string | undefined; publishedOnly: boolean }): Promise<ArticleView[]> {
  const conditions: SQL[] = [];
  if (filter.scopePrefix !== undefined) conditions.push(scopeCondition(subsidyArticle.regionCode, filter.scopePrefix.slice(0, 9)));
  if (filter.regionCode) conditions.push(eq(subsidyArticle.regionCode, filter.regionCode));
  if (filter.publishedOnly) conditions.push(eq(subsidyArticle.published, true));
  const found = await db.select().from(subsidyArticle).where(and(...conditions)).orderBy(desc(subsidyArticle.updatedAt)).limit(100);
  return found.map(articleView);
}

export async function saveArticle(tx: Db, actor: Actor, input: { id?: string | undefined; regionCode?: string | undefined; title: string; body: string; published: boolean }, at: Date): Promise<ArticleView> {
  const regionCode = townshipFor(actor, input.regionCode);
  if (input.id) {
    const [before] = await tx.select().from(subsidyArticle).where(and(eq(subsidyArticle.id, input.id), scopeCondition(subsidyArticle.regionCode, actor.scopePrefix)));
    if (!before) return fail("OUT_OF_SCOPE", "文章不存在或不在您的数据范围内。");
    const [row] = await tx.update(subsidyArticle).set({ title: input.title, body: input.body, published: input.published, updatedAt: at }).where(and(eq(subsidyArticle.regionCode, before.regionCode), eq(subsidyArticle.id, input.id))).returning();
    await recordAudit(tx, { regionCode: before.regionCode, actor: who(actor), action: "subsidy.articleUpdated", entityType: "subsidyArticle", entityId: input.id, before: { title: before.title, published: before.published }, after: { title: input.title, published: input.published } }, at);
    return articleView(row!);
  }
  const id = uuidv7(at.getTime());
  const [row] = await tx.insert(subsidyArticle).values({ regionCode, id, title: input.title, body: input.body, published: input.published, updatedAt: at }).returning();
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.articleCreated", entityType: "subsidyArticle", entityId: id, after: { title: input.title, published: input.published } }, at);
  return articleView(row!);
}
