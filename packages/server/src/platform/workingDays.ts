// Working-day arithmetic for step deadlines (限时办结, ARCHITECTURE decision 7). Deadlines
// are counted in China's calendar: dates in UTC+8 (China has no daylight saving time),
// Monday to Friday, minus public holidays, plus the weekend days worked in exchange
// (调休). Holidays are published each year, so they are configuration, not code.

/**
 * A working-day calendar. Dates are "YYYY-MM-DD" in China time. A date in both sets is a
 * day off (parseCalendar refuses such a calendar).
 */
export interface WorkCalendar {
  /** Days off that would otherwise be weekdays. Weekend dates here change nothing. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). Weekday dates here change nothing. */
  extraWorkdays: ReadonlySet<string>;
}

/** Plain Monday-to-Friday weeks: the calendar to use until holidays are configured. */
export const defaultCalendar: WorkCalendar = Object.freeze({
  holidays: new Set<string>(),
  extraWorkdays: new Set<string>(),
});

/** A deadline is at most this many working days away; longer ones are mistakes. */
export const WORKING_DAYS_MAX = 365;
/** A calendar lists a few dozen days a year; this allows a century of them. */
export const CALENDAR_DATES_MAX = 5000;
/** How far addWorkingDays looks before deciding the calendar has too few working days. */
export const CALENDAR_SCAN_DAYS_MAX = 3660;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a China-time date is a working day under the calendar. Throws RangeError on a malformed date. */
export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  const day = parseDayNumber(date);
  if (day === null) throw new RangeError(`isWorkingDay: "${String(date)}" is not a valid YYYY-MM-DD date`);
  return isWorkingDayNumber(day, date, cal);
}

/** The calendar date (YYYY-MM-DD) of an instant in China time (UTC+8). */
export function chinaDate(at: Date): string {
  return formatDayNumber(chinaDayNumber(at, "chinaDate"));
}

/** The date and time of an instant in China time (UTC+8), to the second: YYYY-MM-DD HH:mm:ss. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** The first instant of a China calendar day (YYYY-MM-DD): a day's or a year's lower bound in a query. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** An instant given as ISO text, in China time to the minute (YYYY-MM-DD HH:mm), as the exports show it. */
export function chinaMinute(iso: string): string {
  return chinaDateTime(new Date(iso)).slice(0, 16);
}

/** The calendar year of an instant in China time: 02:00 on 1 January in China is the new year at any server time zone. */
export function chinaYear(at: Date): number {
  return Number(chinaDate(at).slice(0, 4));
}

/**
 * The deadline that lies `days` working days after `start`: the end (23:59:59.999 China
 * time) of the `days`-th working day after the start's China date. The start day itself
 * does not count, whatever the hour, so a case received on Friday evening with one working
 * day allowed is due at the end of Monday. `days` must be an integer from 1 to 365.
 */
export function addWorkingDays(start: Date, days: number, cal: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 1 || days > WORKING_DAYS_MAX) {
    throw new RangeError(`addWorkingDays: days must be an integer from 1 to ${WORKING_DAYS_MAX}, got ${days}`);
  }
  const startDay = chinaDayNumber(start, "addWorkingDays");
  let counted = 0;
  for (let day = startDay + 1; day <= startDay + CALENDAR_SCAN_DAYS_MAX; day += 1) {
    if (isWorkingDayNumber(day, formatDayNumber(day), cal)) {
      counted += 1;
      if (counted === days) return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1);
    }
  }
  throw new Error(`工作日历异常：${CALENDAR_SCAN_DAYS_MAX} 天内不足 ${days} 个工作日，请检查节假日配置。`);
}

/**
 * The number of working days after `from`'s China date up to and including `to`'s:
 * how many working days of a time limit have been used, or are overdue. 0 when `to` is
 * not later than `from`. Counts weeks arithmetically, so any span costs the same.
 */
export function workingDaysBetween(from: Date, to: Date, cal: WorkCalendar): number {
  const fromDay = chinaDayNumber(from, "workingDaysBetween");
  const toDay = chinaDayNumber(to, "workingDaysBetween");
  if (to.getTime() <= from.getTime() || toDay <= fromDay) return 0;
  let count = weekdaysBefore(toDay + 1) - weekdaysBefore(fromDay + 1);
  for (const date of cal.holidays) {
    const day = parseDayNumber(date);
    if (day !== null && day > fromDay && day <= toDay && !isWeekend(day)) count -= 1;
  }
  for (const date of cal.extraWorkdays) {
    const day = parseDayNumber(date);
    if (day !== null && day > fromDay && day <= toDay && isWeekend(day) && !cal.holidays.has(date)) count += 1;
  }
  return count;
}

/**
 * Reads a calendar from configuration: `{ "holidays": [...], "extraWorkdays": [...] }`,
 * each an array of "YYYY-MM-DD" strings (a missing array means none). Unknown fields,
 * malformed or impossible dates, and a date listed as both are refused with a message
 * the administrator can act on.
 */
export function parseCalendar(json: unknown): WorkCalendar {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error("节假日配置必须是一个对象，包含 holidays（节假日）和 extraWorkdays（调休上班日）两个日期数组。");
  }
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "holidays" && key !== "extraWorkdays") {
      throw new Error(`节假日配置含有未知字段“${key}”，只允许 holidays 和 extraWorkdays。`);
    }
  }
  const holidays = parseDateList(record.holidays, "holidays（节假日）");
  const extraWorkdays = parseDateList(record.extraWorkdays, "extraWorkdays（调休上班日）");
  for (const date of extraWorkdays) {
    if (holidays.has(date)) throw new Error(`节假日配置错误：${date} 不能既是节假日又是调休上班日。`);
  }
  return { holidays, extraWorkdays };
}

function parseDateList(value: unknown, label: string): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new Error(`节假日配置错误：${label}必须是日期字符串数组。`);
  if (value.length > CALENDAR_DATES_MAX) {
    throw new Error(`节假日配置错误：${label}最多 ${CALENDAR_DATES_MAX} 个日期，实际 ${value.length} 个。`);
  }
  const dates = new Set<string>();
  value.forEach((item: unknown, index) => {
    if (typeof item !== "string" || parseDayNumber(item) === null) {
      const shown = typeof item === "string" ? `“${item}”` : `（${typeof item}）`;
      throw new Error(`节假日配置错误：${label}第 ${index + 1} 项${shown}不是有效日期，应为 YYYY-MM-DD 格式，例如 2025-10-01。`);
    }
    dates.add(item);
  });
  return dates;
}

/** Day 0 is 1970-01-01 (a Thursday); null unless the text is a real YYYY-MM-DD date. */
function parseDayNumber(date: unknown): number | null {
  if (typeof date !== "string") return null;
  const match = DATE_PATTERN.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, dayOfMonth);
  if (at.getUTCMonth() !== month - 1) return null; // 2025-02-30 rolled over into March
  return Math.round(at.getTime() / DAY_MS);
}

function formatDayNumber(day: number): string {
  const text = new Date(day * DAY_MS).toISOString();
  // Outside years 0000-9999 toISOString writes six-digit years, which are not YYYY-MM-DD.
  if (text.length !== 24) throw new RangeError("date outside the years 0000-9999");
  return text.slice(0, 10);
}

function chinaDayNumber(at: Date, caller: string): number {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError(`${caller}: invalid Date`);
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 is Sunday; day 0 was a Thursday
  return weekday === 0 || weekday === 6;
}

function isWorkingDayNumber(day: number, date: string, cal: WorkCalendar): boolean {
  return isWeekend(day) ? cal.extraWorkdays.has(date) && !cal.holidays.has(date) : !cal.holidays.has(date);
}

/** Weekdays among day numbers below `day`, counted from an arbitrary Monday (day 4): differences are what matter. */
function weekdaysBefore(day: number): number {
  const sinceMonday = day - 4;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7, 5);
}
