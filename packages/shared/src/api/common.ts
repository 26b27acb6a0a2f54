// Request schemas shared by the server (validation at the edge) and the web app (forms).
// Objects are strict: unknown fields are refused.
import { z } from "zod";
import { controlCharacterAt } from "../text.ts";

// Validation messages in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

export const PAGE_SIZE_MAX = 100;

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
};

export const regionCodeSchema = z.string().regex(/^[0-9]{9}([0-9]{3})?$/, "区划代码应为9位或12位数字");
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
