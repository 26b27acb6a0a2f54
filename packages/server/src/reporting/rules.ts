// Pure rules of reporting up: report periods, the deadline after a period, a report's status as the
// district reads it (overdue, late), and the ranking of the district's one-page status. No database.
import { compareDecimal, parseDecimal, type ReportDisplayStatus } from "@xiangcai/shared";

export type Periodicity = "month" | "quarter" | "year";

export interface ReportPeriod {
  /** As stored: 2026-11, 2026-Q4 or 2026. */
  code: string;
  periodicity: Periodicity;
  year: number;
  /** First and last calendar dates (YYYY-MM-DD) the period covers. */
  firstDate: string;
  lastDate: string;
  /** 2026年11月, 2026年第4季度, 2026年度. */
  label: string;
}

/** The most days after the period's end a deadline may be set. */
export const DEADLINE_DAYS_MAX = 366;

const pad = (n: number) => String(n).padStart(2, "0");

/** The last day of a month (1-12) of a year. */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads a period of the given periodicity, or explains in Chinese why it is not one. */
export function parsePeriod(code: string, periodicity: Periodicity): { ok: true; period: ReportPeriod } | { ok: false; message: string } {
  const shapes: Record<Periodicity, RegExp> = { month: /^([0-9]{4})-(0[1-9]|1[0-2])$/, quarter: /^([0-9]{4})-Q([1-4])$/, year: /^([0-9]{4})$/ };
  const examples: Record<Periodicity, string> = { month: "2026-11", quarter: "2026-Q4", year: "2026" };
  const match = shapes[periodicity].exec(code);
  if (!match) return { ok: false, message: `报告期“${code}”不正确，应形如 ${examples[periodicity]}` };
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return { ok: false, message: `报告期年度 ${year} 超出范围（2000-2100）` };
  let firstMonth = 1;
  let lastMonth = 12;
  let label = `${year}年度`;
  if (periodicity === "month") {
    firstMonth = lastMonth = Number(match[2]);
    label = `${year}年${firstMonth}月`;
  } else if (periodicity === "quarter") {
    const quarter = Number(match[2]);
    firstMonth = quarter * 3 - 2;
    lastMonth = quarter * 3;
    label = `${year}年第${quarter}季度`;
  }
  return {
    ok: true,
    period: { code, periodicity, year, firstDate: `${year}-${pad(firstMonth)}-01`, lastDate: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`, label },
  };
}

/** The calendar date `days` days after a date (YYYY-MM-DD). */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The deadline of a period's report: the end (23:59:59.999 China time) of the `days`-th day after
 * the period's last day. A monthly report due 10 days after November is due at the end of 10 December.
 */
export function periodDeadline(period: ReportPeriod, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > DEADLINE_DAYS_MAX) throw new RangeError(`deadline days must be 1-${DEADLINE_DAYS_MAX}, got ${days}`);
  return new Date(`${addCalendarDays(period.lastDate, days)}T23:59:59.999+08:00`);
}

/** The period a report is usually prepared for at a moment: the one just ended (last month, last quarter, last year). */
export function previousPeriod(chinaToday: string, periodicity: Periodicity): string {
  const year = Number(chinaToday.slice(0, 4));
  const month = Number(chinaToday.slice(5, 7));
  if (periodicity === "year") return String(year - 1);
  if (periodicity === "quarter") {
    const quarter = Math.ceil(month / 3) - 1;
    return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

export interface ReportState {
  status: "prepared" | "submitted" | "accepted";
  returnCount: number;
  /** Whether the last move was a return (the report is back with the township). */
  returned: boolean;
  deadlineAt: Date;
  /** The open step's deadline (a returned report's resubmission deadline), or null when closed. */
  stepDeadlineAt: Date | null;
  submittedAt: Date | null;
}

/**
 * How the district reads a township's report: its display status, whether it is overdue (not
 * submitted and its deadline — or, once returned, its resubmission deadline — has passed) and
 * whether it was submitted late. A township that has not started is overdue once the deadline passed.
 */
export function readReportState(state: ReportState | null, deadlineAt: Date, now: Date): { displayStatus: ReportDisplayStatus; overdue: boolean; late: boolean } {
  if (!state) return { displayStatus: "notStarted", overdue: now > deadlineAt, late: false };
  const late = state.submittedAt !== null && state.submittedAt > state.deadlineAt;
  if (state.status === "accepted") return { displayStatus: "accepted", overdue: false, late };
  if (state.status === "submitted") return { displayStatus: "submitted", overdue: false, late };
  const due = state.returned && state.stepDeadlineAt ? state.stepDeadlineAt : state.deadlineAt;
  return { displayStatus: state.returned ? "returned" : "prepared", overdue: now > due, late };
}

/**
 * Ranks rows by a decimal figure (descending: the largest first), ties sharing a rank (1, 2, 2, 4);
 * rows without the figure are not ranked. Returns the ranks in the order of the input.
 */
export function rankBy(values: readonly (string | null)[], direction: "asc" | "desc"): (number | null)[] {
  const parsed = values.map((v, index) => ({ index, value: v === null ? null : parseDecimal(v, { allowNegative: true }) }));
  const ranked = parsed.filter((p) => p.value !== null).sort((a, b) => (direction === "desc" ? -1 : 1) * compareDecimal(a.value!, b.value!));
  const ranks: (number | null)[] = values.map(() => null);
  ranked.forEach((p, i) => {
    const previous = ranked[i - 1];
    ranks[p.index] = previous && compareDecimal(previous.value!, p.value!) === 0 ? ranks[previous.index]! : i + 1;
  });
  return ranks;
}
