// Display formats for times: the server sends ISO 8601 with an offset; people read Beijing time
// (deadlines end at 23:59 China time), whatever time zone the browser's machine is set to.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";

dayjs.extend(utc);
dayjs.extend(timezone);

export const CHINA_TIME_ZONE = "Asia/Shanghai";

function china(iso: string) {
  return dayjs(iso).tz(CHINA_TIME_ZONE);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const value = dayjs(iso);
  return value.isValid() ? china(iso).format("YYYY-MM-DD HH:mm") : iso;
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const value = dayjs(iso);
  return value.isValid() ? china(iso).format("YYYY-MM-DD HH:mm:ss") : iso;
}

/** The China date (YYYY-MM-DD) of an instant; a date without a time is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : formatDateTime(iso).slice(0, 10);
}

/** Population and other counts with thousands separators (never used for money). */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("zh-CN");
}
