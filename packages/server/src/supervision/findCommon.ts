// What every rule's query shares: the context of a run (scope, thresholds per township, today), the
// scope condition on an aliased column, the per-township thresholds as a VALUES list, and labels.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { prefixUpperBound } from "../platform/scope.ts";
import type { Thresholds } from "./settings.ts";
import type { Finding, RuleCode } from "./rules.ts";

export interface RuleContext {
  db: Db;
  /** The run's data scope: a district (6 digits) or a township (9 digits). */
  scopePrefix: string;
  /** The thresholds in force in each township of the scope. */
  thresholds: ReadonlyMap<string, Thresholds>;
  /** Today in China time (YYYY-MM-DD): what "N days ago" counts from. */
  today: string;
}

export type RuleFinder = (context: RuleContext) => Promise<Finding[]>;

/** Rows of `column` (an aliased column, e.g. sql.raw("p.region_code")) under the scope prefix, using the region-first indexes. */
export function inScope(column: SQL, prefix: string): SQL {
  if (!/^[0-9]{6,12}$/.test(prefix)) throw new RangeError(`supervision runs over a district or township, not "${prefix}"`);
  const upper = prefixUpperBound(prefix);
  return sql`(${column} >= ${prefix} and ${column} < ${upper} and ${column} like ${`${prefix}%`})`;
}

/** The townships' thresholds as a VALUES list named `params(region_code, value)`, for a join. */
export function paramsOf(context: RuleContext, pick: (t: Thresholds) => bigint | number): SQL | null {
  const entries = [...context.thresholds.entries()];
  if (entries.length === 0) return null;
  const rows = entries.map(([code, t]) => {
    const value = pick(t);
    return typeof value === "bigint" ? sql`(${code}::text, ${value.toString()}::bigint)` : sql`(${code}::text, ${value}::bigint)`;
  });
  return sql`(values ${sql.join(rows, sql`, `)}) as params(region_code, value)`;
}

/** Payments that are entered and not cancelled or returned: in flow, or paid. */
export const LIVE_PAYMENT_STATUSES = sql.raw(`('unitReview', 'financeReview', 'approved', 'sent', 'paid')`);

export const paymentStatusNames: Record<string, string> = { unitReview: "单位审核", financeReview: "财政审核", approved: "已审核", sent: "已发送银行", paid: "已支付", returned: "已退票", cancelled: "已作废" };

/** A China-time date of a timestamp column, as text. */
export const chinaDay = (column: SQL) => sql`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

export function finding(rule: RuleCode, f: Omit<Finding, "rule">): Finding {
  return { rule, ...f };
}


export const lineId = (rosterId: string, lineNo: number) => `${rosterId}:${lineNo}`;
