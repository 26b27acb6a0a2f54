// Ledger's card on the accountants' homes: each account set in the actor's scope with the month in
// progress (the first open one), how many vouchers wait for review (已录入) and for posting (已审核).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { HomeCardView } from "@xiangcai/shared";
import { scopeCondition } from "../platform/scope.ts";
import type { HomeCard } from "../home/index.ts";
import { ledgerAccountSet, ledgerPeriod, ledgerVoucher } from "./tables.ts";

/** A township has a handful of sets (units, the fiscal set); more are on the 结账 page. */
const SETS_SHOWN = 12;

export const ledgerWorkCard: HomeCard = {
  code: "ledger.work",
  audiences: ["accountant", "director"],
  permissions: ["ledger.enter", "ledger.review", "ledger.post", "ledger.close"],
  order: 12,
  async load(db, actor, { audience }): Promise<HomeCardView | null> {
    const sets = await db
      .select({ id: ledgerAccountSet.id, regionCode: ledgerAccountSet.regionCode, code: ledgerAccountSet.code, name: ledgerAccountSet.name })
      .from(ledgerAccountSet)
      .where(scopeCondition(ledgerAccountSet.regionCode, actor.scopePrefix))
      .orderBy(asc(ledgerAccountSet.code))
      .limit(SETS_SHOWN);
    if (sets.length === 0) return audience === "accountant" ? { code: "ledger.work", title: "会计期间与待处理凭证", size: "wide", figures: [], empty: "您的范围内还没有账套" } : null;
    const ids = sets.map((s) => s.id);
    const open = await db
      .select({ setId: ledgerPeriod.setId, year: ledgerPeriod.year, month: ledgerPeriod.month })
      .from(ledgerPeriod)
      .where(and(scopeCondition(ledgerPeriod.regionCode, actor.scopePrefix), inArray(ledgerPeriod.setId, ids), eq(ledgerPeriod.status, "open")))
      .orderBy(asc(ledgerPeriod.year), asc(ledgerPeriod.month));
    const waiting = await db
      .select({ setId: ledgerVoucher.setId, status: ledgerVoucher.status, n: sql<number>`count(*)::int` })
      .from(ledgerVoucher)
      .where(and(scopeCondition(ledgerVoucher.regionCode, actor.scopePrefix), inArray(ledgerVoucher.setId, ids), inArray(ledgerVoucher.status, ["entered", "reviewed"])))
      .groupBy(ledgerVoucher.setId, ledgerVoucher.status);
    const count = (setId: string, status: "entered" | "reviewed") => waiting.find((w) => w.setId === setId && w.status === status)?.n ?? 0;
    const toReview = waiting.filter((w) => w.status === "entered").reduce((s, w) => s + w.n, 0);
    const toPost = waiting.filter((w) => w.status === "reviewed").reduce((s, w) => s + w.n, 0);
    return {
      code: "ledger.work",
      title: "会计期间与待处理凭证",
      size: "wide",
      note: "每个账套的当前会计期间（最早未结账的月份）和等待审核、记账的凭证",
      figures: [
        { label: "待审核凭证", value: String(toReview), kind: "count", link: "/ledger/vouchers", ...(toReview > 0 ? { tone: "warning" as const } : {}) },
        { label: "待记账凭证", value: String(toPost), kind: "count", link: "/ledger/vouchers", ...(toPost > 0 ? { tone: "warning" as const } : {}) },
      ],
      table: {
        columns: [
          { key: "set", title: "账套", kind: "text" },
          { key: "period", title: "当前期间", kind: "text" },
          { key: "entered", title: "待审核", kind: "count" },
          { key: "reviewed", title: "待记账", kind: "count" },
        ],
        rows: sets.map((s) => {
          const first = open.find((p) => p.setId === s.id);
          return { set: `${s.code} ${s.name}`, period: first ? `${first.year} 年 ${first.month} 月` : "已全部结账", entered: String(count(s.id, "entered")), reviewed: String(count(s.id, "reviewed")), link: "/ledger/vouchers" };
        }),
      },
      link: { label: "凭证管理", path: "/ledger/vouchers" },
    };
  },
};
