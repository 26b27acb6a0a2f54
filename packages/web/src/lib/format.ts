// Display formats for times: the server sends ISO 8601 with an offset; people read
// local date and time.
import dayjs from "dayjs";

export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const value = dayjs(iso);
  return value.isValid() ? value.format("YYYY-MM-DD HH:mm") : iso;
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const value = dayjs(iso);
  return value.isValid() ? value.format("YYYY-MM-DD HH:mm:ss") : iso;
}

/** Population and other counts with thousands separators (never used for money). */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("zh-CN");
}
