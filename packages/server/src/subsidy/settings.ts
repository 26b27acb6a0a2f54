// The subsidy domain's configurable rules (DOMAIN.md §8), each a setting with its default here:
// the public-notice days, the roster row limit, and the agency banks' file layouts.
import type { Db } from "../platform/db.ts";
import { getSetting } from "../platform/settings.ts";
import { defaultBankLayouts, NOTICE_DAYS_DEFAULT, NOTICE_DAYS_MAX, type BankLayout } from "./rules.ts";
import { ROSTER_ROWS_MAX_DEFAULT } from "./check.ts";

export const NOTICE_DAYS_KEY = "subsidy.noticeDays";
export const ROSTER_ROWS_MAX_KEY = "subsidy.rosterRowsMax";
export const BANK_LAYOUTS_KEY = "subsidy.bankLayouts";

function integerIn(min: number, max: number, key: string) {
  return (raw: unknown): number => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min || raw > max) throw new Error(`设置 ${key} 须为 ${min}-${max} 的整数`);
    return raw;
  };
}

export function noticeDays(db: Db, regionCode: string): Promise<number> {
  return getSetting(db, regionCode, NOTICE_DAYS_KEY, integerIn(1, NOTICE_DAYS_MAX, NOTICE_DAYS_KEY), NOTICE_DAYS_DEFAULT);
}

export function rosterRowsMax(db: Db, regionCode: string): Promise<number> {
  return getSetting(db, regionCode, ROSTER_ROWS_MAX_KEY, integerIn(1, 10_000_000, ROSTER_ROWS_MAX_KEY), ROSTER_ROWS_MAX_DEFAULT);
}

function parseLayouts(raw: unknown): BankLayout[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`设置 ${BANK_LAYOUTS_KEY} 须为非空数组`);
  for (const l of raw as BankLayout[]) {
    if (typeof l.code !== "string" || (l.format !== "csv" && l.format !== "xlsx") || !Array.isArray(l.columns) || !l.result) throw new Error(`设置 ${BANK_LAYOUTS_KEY} 中的银行格式不完整`);
  }
  return raw as BankLayout[];
}

export function bankLayouts(db: Db, regionCode: string): Promise<BankLayout[]> {
  return getSetting(db, regionCode, BANK_LAYOUTS_KEY, parseLayouts, defaultBankLayouts);
}
