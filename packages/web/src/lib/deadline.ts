// Deadlines of flow steps (限时办结) described for people: how long is left, or how long
// the matter has been overdue, rounded down to days and hours.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function span(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return `${hours} 小时`;
  return "不足 1 小时";
}

/** Joins a Chinese prefix and a span, with a space only before a digit ("剩余 2 天", "剩余不足 1 小时"). */
function phrase(prefix: string, ms: number): string {
  const text = span(ms);
  return /^\d/.test(text) ? `${prefix} ${text}` : `${prefix}${text}`;
}

export interface DeadlineState {
  overdue: boolean;
  text: string;
}

/**
 * Describes a deadline relative to `now`. The server's `overdue` flag wins when given,
 * since the server's clock decides escalation; the text still comes from the times.
 */
export function describeDeadline(deadlineAt: string | null, now: Date, overdueFlag?: boolean): DeadlineState | null {
  if (deadlineAt === null) return null;
  const deadline = new Date(deadlineAt);
  if (Number.isNaN(deadline.getTime())) return null;
  const remaining = deadline.getTime() - now.getTime();
  const overdue = overdueFlag ?? remaining < 0;
  if (overdue) return { overdue: true, text: remaining < 0 ? phrase("已超期", -remaining) : "已超期" };
  return { overdue: false, text: remaining > 0 ? phrase("剩余", remaining) : "即将到期" };
}
