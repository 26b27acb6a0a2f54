// Treasury's cards on the home pages: payments in flight by step (the dashboards, and the general
// budget accountant and cashier who move them), and the clerk's own requests with where each stands.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { formatYuan, paymentStatusLabels, type HomeCardView, type PaymentStatus } from "@xiangcai/shared";
import { scopeCondition } from "../platform/scope.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { HomeCard } from "../home/index.ts";
import { paymentRequest } from "./tables.ts";

const IN_FLIGHT: readonly PaymentStatus[] = ["unitReview", "financeReview", "approved", "sent"];

export const paymentsInFlightCard: HomeCard = {
  code: "treasury.inFlight",
  audiences: ["district", "director", "accountant", "reader"],
  permissions: ["payment.review", "payment.bank", "payment.read"],
  order: 20,
  async load(db, actor, { audience }): Promise<HomeCardView | null> {
    // A unit accountant's home shows its own work instead (their requests, the vouchers); the card is for who oversees or moves payments.
    if (audience === "accountant" && !actor.permissions.has("payment.review") && !actor.permissions.has("payment.bank")) return null;
    const p = paymentRequest;
    const found = await db
      .select({ status: p.status, n: sql<number>`count(*)::int`, amount: sql<string>`coalesce(sum(${p.amountFen}), 0)::text` })
      .from(p)
      .where(and(scopeCondition(p.regionCode, actor.scopePrefix), inArray(p.status, [...IN_FLIGHT])))
      .groupBy(p.status);
    const of = (s: PaymentStatus) => found.find((f) => f.status === s);
    const total = found.reduce((sum, f) => sum + f.n, 0);
    const amount = found.reduce((sum, f) => sum + BigInt(f.amount), 0n);
    return {
      code: "treasury.inFlight",
      title: "在途支付",
      size: "normal",
      note: "已录入、尚未支付完成的支付申请，按所处环节",
      figures: [
        { label: "在途笔数", value: String(total), kind: "count", link: "/treasury/payments" },
        { label: "在途金额", value: formatYuan(amount), kind: "money" },
      ],
      chart: {
        type: "bar",
        categories: IN_FLIGHT.map((s) => paymentStatusLabels[s]),
        series: [
          { name: "笔数", kind: "count", values: IN_FLIGHT.map((s) => String(of(s)?.n ?? 0)) },
          { name: "金额", kind: "money", values: IN_FLIGHT.map((s) => formatYuan(BigInt(of(s)?.amount ?? "0"))) },
        ],
      },
      table: {
        columns: [
          { key: "step", title: "环节", kind: "text" },
          { key: "count", title: "笔数", kind: "count" },
          { key: "amount", title: "金额（元）", kind: "money" },
        ],
        rows: IN_FLIGHT.map((s) => ({ step: paymentStatusLabels[s], count: String(of(s)?.n ?? 0), amount: formatYuan(BigInt(of(s)?.amount ?? "0")), link: `/treasury/payments?status=${s}` })),
      },
      link: { label: "支付申请", path: "/treasury/payments" },
    };
  },
};

/** The clerk's own recent requests: a clerk asks "where is my payment?" more than anything else. */
const MY_REQUESTS_SHOWN = 8;

export const myPaymentRequestsCard: HomeCard = {
  code: "treasury.myRequests",
  audiences: ["clerk", "accountant"],
  permissions: ["payment.create"],
  order: 15,
  async load(db, actor): Promise<HomeCardView> {
    const p = paymentRequest;
    const mine = and(scopeCondition(p.regionCode, actor.scopePrefix), eq(p.createdBy, actor.userId));
    const counts = await db.select({ status: p.status, n: sql<number>`count(*)::int` }).from(p).where(mine).groupBy(p.status);
    const n = (statuses: readonly PaymentStatus[]) => counts.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + c.n, 0);
    const recent = await db
      .select({ id: p.id, no: p.paymentNo, payee: p.payeeName, amount: p.amountFen, status: p.status, at: p.createdAt })
      .from(p)
      .where(mine)
      .orderBy(desc(p.createdAt))
      .limit(MY_REQUESTS_SHOWN);
    return {
      code: "treasury.myRequests",
      title: "我的支付申请",
      size: "wide",
      note: "由您录入的支付申请及其所处环节",
      figures: [
        { label: "审核中", value: String(n(["unitReview", "financeReview"])), kind: "count" },
        { label: "待银行支付", value: String(n(["approved", "sent"])), kind: "count" },
        { label: "已支付", value: String(n(["paid"])), kind: "count", tone: "success" },
        { label: "已退票", value: String(n(["returned"])), kind: "count", ...(n(["returned"]) > 0 ? { tone: "danger" as const } : {}) },
      ],
      table: {
        columns: [
          { key: "no", title: "申请号", kind: "text" },
          { key: "date", title: "录入日期", kind: "text" },
          { key: "payee", title: "收款人", kind: "text" },
          { key: "amount", title: "金额（元）", kind: "money" },
          { key: "status", title: "环节", kind: "text" },
        ],
        rows: recent.map((r) => ({ no: r.no, date: chinaDate(r.at), payee: r.payee, amount: formatYuan(r.amount), status: paymentStatusLabels[r.status], link: `/treasury/payments/${r.id}` })),
      },
      ...(recent.length === 0 ? { empty: "您还没有录入支付申请" } : {}),
      link: { label: "录入支付申请", path: "/treasury/payments" },
    };
  },
};
