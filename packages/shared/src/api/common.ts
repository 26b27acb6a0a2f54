// Request schemas shared by the server (validation at the edge) and the web app (forms).
// Objects are strict: unknown fields are refused.
import { z } from "zod";
import { controlCharacterAt } from "../text.ts";
import { daysInMonth } from "../residentId.ts";

// Validation messages in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

export const PAGE_SIZE_MAX = 100;

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
};

export const regionCodeSchema = z.string().regex(/^[0-9]{9}([0-9]{3})?$/, "区划代码应为9位或12位数字");
/** A real calendar day (YYYY-MM-DD): 2026-02-29 or 2026-13-01 is refused as a date, not read as another day. */
export function isCalendarDate(value: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
/** A day a person enters or a query names: YYYY-MM-DD and a day the calendar has. */
export const calendarDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "日期格式应为 YYYY-MM-DD").refine(isCalendarDate, "日期不存在");
export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "编号格式不正确");
/** Free text in a search box: bounded, no control characters. */
export const searchText = z.string().trim().max(100).refine((s) => controlCharacterAt(s) < 0, "含有控制字符");

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}
