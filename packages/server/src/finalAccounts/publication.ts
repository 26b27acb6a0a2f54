// Publication to residents (预决算公开, 预算法第十四条: within 20 days of approval): a township's approved
// budget (by its congress resolution) and its final accounts once the district accepted them, each
// published once as an immutable document the kiosk shows. Whether it went out within 20 days is kept.
import { and, desc, eq } from "drizzle-orm";
import { publicDocumentKindNames, type FinalTableView, type PublicDocumentView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { region } from "../platform/regionTable.ts";
import { scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { approvedBudgetOf, budgetRound, congressResolution } from "../budget/index.ts";
import { classificationNames } from "../catalog/index.ts";
import { acceptedContents, reportInstance } from "../reporting/index.ts";
import { townshipOrFail } from "./service.ts";
import { classTree, tableView, type Row } from "./shapes.ts";
import { FINAL_ACCOUNTS_REPORT } from "./report.ts";
import type { FinalContent } from "./rules.ts";
import { publicDocument } from "./tables.ts";
import { defineErrorCodes } from "../platform/errors.ts";

const fail = defineErrorCodes({ NOT_APPROVED: 409, ALREADY_PUBLISHED: 409 });

/** Days the budget law gives from approval to publication. */
export const PUBLISH_WITHIN_DAYS = 20;
const DAY = 86_400_000;

/** Whether a document published at `publishedAt` kept the 20 days after approval (calendar days, China time). */
export function publishedOnTime(approvedAt: Date, publishedAt: Date): boolean {
  const day = (d: Date) => Math.floor((d.getTime() + 8 * 3_600_000) / DAY);
  return day(publishedAt) - day(approvedAt) <= PUBLISH_WITHIN_DAYS;
}

/** The tables residents read of a final account: the summary, the detail tables, transfers, carry-over and debt. */
const PUBLIC_TABLES = new Set(["summary", "general-detail", "fund-detail", "transfers", "carryover", "debt"]);

async function budgetTables(db: Db, regionCode: string, year: number): Promise<{ tables: FinalTableView[]; approvedAt: Date } | null> {
  const approved = await approvedBudgetOf(db, regionCode, year);
  if (!approved) return null;
  const [resolution] = await db.select().from(congressResolution).where(and(eq(congressResolution.regionCode, regionCode), eq(congressResolution.id, approved.resolutionId)));
  const revenue = new Map<string, bigint>();
  const other: Row[] = [];
  for (const r of approved.revenue) {
    if (r.revenueCode && (r.kind === "tax" || r.kind === "nonTax")) revenue.set(r.revenueCode, (revenue.get(r.revenueCode) ?? 0n) + r.amountFen);
    else other.push({ key: `o:${other.length}`, label: r.name, level: 1, values: [r.amountFen] });
  }
  const spending = new Map<string, bigint>();
  for (const e of approved.expenditure) spending.set(e.functionalCode, (spending.get(e.functionalCode) ?? 0n) + e.amountFen);
  const codes = (m: Map<string, bigint>) => [...m.keys()].flatMap((c) => [c.slice(0, 3), c.slice(0, 5), c.slice(0, 7)]);
  const revenueTree = classTree("r", [revenue], await classificationNames(db, regionCode, year, "revenue", codes(revenue)));
  const spendTree = classTree("e", [spending], await classificationNames(db, regionCode, year, "functional", codes(spending)));
  const total = (key: string, label: string, rows: Row[], keys: string[]): Row => ({ key, label, level: 0, total: true, sumOf: keys, values: [rows.filter((r) => keys.includes(r.key)).reduce((s, r) => s + r.values[0]!, 0n)] });
  const approvedAt = resolution ? new Date(`${resolution.resolvedOn}T12:00:00+08:00`) : (await db.select({ at: budgetRound.createdAt }).from(budgetRound).where(and(eq(budgetRound.regionCode, regionCode), eq(budgetRound.fiscalYear, year))))[0]!.at;
  return {
    approvedAt,
    tables: [
      tableView("budget-revenue", `${year}年收入预算表`, ["预算数"], [total("r-total", "本级收入合计", revenueTree.rows, revenueTree.classKeys), ...revenueTree.rows, ...other], `${resolution ? `${resolution.session}批准（${resolution.resolutionNo}）` : "人大批准的预算"}`),
      tableView("budget-expenditure", `${year}年一般公共预算支出表`, ["预算数"], [total("e-total", "支出合计", spendTree.rows, spendTree.classKeys), ...spendTree.rows], "人大批准的预算（按功能分类）"),
    ],
  };
}

function viewDocument(d: typeof publicDocument.$inferSelect, regionName: string): PublicDocumentView {
  const content = d.content as { tables: FinalTableView[]; note: string };
  return { id: d.id, regionCode: d.regionCode, regionName, kind: d.kind, kindName: publicDocumentKindNames[d.kind], year: d.fiscalYear, title: d.title, approvedAt: d.approvedAt.toISOString(), publishedAt: d.publishedAt.toISOString(), onTime: publishedOnTime(d.approvedAt, d.publishedAt), tables: content.tables, note: content.note };
}

/** Publishes a township's approved budget or accepted final accounts of a year, once. */
export async function publishDocument(tx: Db, actor: Actor, input: { kind: "budget" | "finalAccount"; regionCode: string; year: number }, at: Date): Promise<PublicDocumentView> {
  const regionName = await townshipOrFail(tx, actor, input.regionCode);
  const [existing] = await tx.select({ id: publicDocument.id }).from(publicDocument).where(and(eq(publicDocument.regionCode, input.regionCode), eq(publicDocument.kind, input.kind), eq(publicDocument.fiscalYear, input.year)));
  if (existing) fail("ALREADY_PUBLISHED", `${regionName}${input.year}年${publicDocumentKindNames[input.kind]}已公开，公开后不能更改。`);
  let tables: FinalTableView[];
  let note = "";
  let approvedAt: Date;
  let title: string;
  if (input.kind === "budget") {
    const budget = await budgetTables(tx, input.regionCode, input.year);
    if (!budget) return fail("NOT_APPROVED", `${regionName}${input.year}年预算尚未经人大批准，不能公开。`);
    ({ tables, approvedAt } = budget);
    title = `${regionName}${input.year}年预算`;
  } else {
    const accepted = (await acceptedContents(tx, actor, { kindCode: FINAL_ACCOUNTS_REPORT, period: String(input.year) })).find((c) => c.regionCode === input.regionCode);
    if (!accepted) return fail("NOT_APPROVED", `${regionName}${input.year}年度决算尚未经区财政局审核通过，不能公开。`);
    const content = accepted.content as FinalContent;
    tables = content.tables.filter((t) => PUBLIC_TABLES.has(t.code));
    note = content.note;
    approvedAt = await acceptedAt(tx, input.regionCode, input.year);
    title = `${regionName}${input.year}年度财政总决算`;
  }
  const id = uuidv7(at.getTime());
  await tx.insert(publicDocument).values({ regionCode: input.regionCode, id, kind: input.kind, fiscalYear: input.year, title, approvedAt, publishedAt: at, content: { tables, note }, publishedBy: actor.userId, publishedByName: actor.displayName });
  await recordAudit(tx, { regionCode: input.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "finalAccounts.published", entityType: "publicDocument", entityId: id, after: { kind: input.kind, year: input.year, onTime: publishedOnTime(approvedAt, at) } }, at);
  const [row] = await tx.select().from(publicDocument).where(and(eq(publicDocument.regionCode, input.regionCode), eq(publicDocument.id, id)));
  return viewDocument(row!, regionName);
}

async function acceptedAt(db: Db, regionCode: string, year: number): Promise<Date> {
  const [row] = await db.select({ at: reportInstance.reviewedAt }).from(reportInstance).where(and(eq(reportInstance.regionCode, regionCode), eq(reportInstance.kindCode, FINAL_ACCOUNTS_REPORT), eq(reportInstance.period, String(year))));
  return row?.at ?? new Date(0);
}

/** The documents residents can read: every township's, or one township's; newest first. No login. */
export async function publicDocuments(db: Db, regionCode?: string): Promise<PublicDocumentView[]> {
  const rows = await db
    .select({ d: publicDocument, regionName: region.name })
    .from(publicDocument)
    .leftJoin(region, eq(region.regionCode, publicDocument.regionCode))
    .where(regionCode ? scopeCondition(publicDocument.regionCode, regionCode) : undefined)
    .orderBy(desc(publicDocument.fiscalYear), desc(publicDocument.publishedAt))
    .limit(200);
  return rows.map((r) => viewDocument(r.d, r.regionName ?? r.d.regionCode));
}

/** The documents of the actor's townships, for the office's publication page. */
export async function documentsInScope(db: Db, actor: Actor): Promise<PublicDocumentView[]> {
  return publicDocuments(db, actor.scopePrefix);
}
