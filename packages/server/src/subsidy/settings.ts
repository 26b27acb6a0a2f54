// The subsidy domain's configurable rules (DOMAIN.md §8), declared with defineSetting so the office
// edits them on the settings page (validated by the rule below, audited): the public-notice days,
// the roster row limit, and the agency banks' file layouts.
import type { Db } from "../platform/db.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { bankFieldNames, defaultBankLayouts, NOTICE_DAYS_DEFAULT, NOTICE_DAYS_MAX, type BankField, type BankLayout } from "./rules.ts";
import { ROSTER_ROWS_MAX_DEFAULT } from "./check.ts";

export const NOTICE_DAYS_KEY = "subsidy.noticeDays";
export const ROSTER_ROWS_MAX_KEY = "subsidy.rosterRowsMax";
export const BANK_LAYOUTS_KEY = "subsidy.bankLayouts";
export const ROSTER_ROWS_MAX_LIMIT = 10_000_000;

function integerIn(min: number, max: number) {
  return (raw: unknown): number => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min || raw > max) throw new Error(`须为 ${min}-${max} 的整数`);
    return raw;
  };
}

export const noticeDaysSetting = defineSetting<number>({
  key: NOTICE_DAYS_KEY,
  name: "补贴公示天数",
  description: `惠农补贴清册在村（居）公示的天数（含首日），公示期满后才能报区财政审核；默认 ${NOTICE_DAYS_DEFAULT} 天，有的地方公示一个月。`,
  kind: "integer",
  levels: ["district", "township"],
  parse: integerIn(1, NOTICE_DAYS_MAX),
  fallback: NOTICE_DAYS_DEFAULT,
});

export const rosterRowsMaxSetting = defineSetting<number>({
  key: ROSTER_ROWS_MAX_KEY,
  name: "补贴清册行数上限",
  description: "一个补贴发放清册（Excel）最多的数据行数；超过的文件整个拒绝，请拆分后再导入。",
  kind: "integer",
  levels: ["district", "township"],
  parse: integerIn(1, ROSTER_ROWS_MAX_LIMIT),
  fallback: ROSTER_ROWS_MAX_DEFAULT,
});

const bankFields = Object.keys(bankFieldNames) as BankField[];
const text = (value: unknown, max: number): value is string => typeof value === "string" && value.trim() !== "" && value.length <= max;

/** Checks the agency banks' layouts; every problem is named in Chinese with the bank it is in. */
export function parseBankLayouts(raw: unknown): BankLayout[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error("须为非空的银行格式列表");
  if (raw.length > 20) throw new Error("最多配置 20 家代发银行");
  const codes = new Set<string>();
  return raw.map((entry: unknown, index): BankLayout => {
    const where = `第 ${index + 1} 家银行`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new Error(`${where}须为对象`);
    const l = entry as Record<string, unknown>;
    if (typeof l.code !== "string" || !/^[A-Za-z0-9_-]{1,20}$/.test(l.code)) throw new Error(`${where}的代码（code）须为 1-20 位字母或数字`);
    if (codes.has(l.code)) throw new Error(`银行代码 ${l.code} 重复`);
    codes.add(l.code);
    const named = `银行 ${l.code}`;
    if (!text(l.name, 50)) throw new Error(`${named}须有名称（name）`);
    if (l.format !== "csv" && l.format !== "xlsx") throw new Error(`${named}的文件格式（format）须为 csv 或 xlsx`);
    if (!Array.isArray(l.columns) || l.columns.length === 0 || l.columns.length > 30) throw new Error(`${named}须有 1-30 个文件列（columns）`);
    const columns = l.columns.map((c: unknown, i) => {
      const col = (typeof c === "object" && c !== null ? c : {}) as Record<string, unknown>;
      if (!text(col.header, 30)) throw new Error(`${named}第 ${i + 1} 列须有表头（header）`);
      if (!bankFields.includes(col.field as BankField)) throw new Error(`${named}第 ${i + 1} 列的内容（field）须为 ${bankFields.join("、")} 之一`);
      return { header: col.header as string, field: col.field as BankField };
    });
    for (const required of ["referenceNo", "card", "amount"] as const) {
      if (!columns.some((c) => c.field === required)) throw new Error(`${named}的文件须含“${bankFieldNames[required]}”（${required}）列`);
    }
    const r = (typeof l.result === "object" && l.result !== null ? l.result : null) as Record<string, unknown> | null;
    if (!r) throw new Error(`${named}须配置回盘格式（result）`);
    for (const key of ["referenceNo", "outcome", "reason", "paidOn"] as const) {
      if (!text(r[key], 30)) throw new Error(`${named}的回盘格式须有 ${key} 列名`);
    }
    if (!Array.isArray(r.paidValues) || r.paidValues.length === 0 || !r.paidValues.every((v) => text(v, 20))) throw new Error(`${named}的回盘格式须列出表示成功的值（paidValues）`);
    return {
      code: l.code,
      name: l.name as string,
      format: l.format,
      columns,
      result: { referenceNo: r.referenceNo as string, outcome: r.outcome as string, reason: r.reason as string, paidOn: r.paidOn as string, paidValues: r.paidValues as string[] },
    };
  });
}

export const bankLayoutsSetting = defineSetting<BankLayout[]>({
  key: BANK_LAYOUTS_KEY,
  name: "代发银行文件格式",
  description: "各代发银行的发放文件格式（CSV 或 Excel，每列的表头和内容）和回盘文件的列名、表示成功的值。",
  kind: "bankLayouts",
  form: { options: Object.entries(bankFieldNames).map(([value, label]) => ({ value, label })) },
  levels: ["district", "township"],
  parse: parseBankLayouts,
  fallback: defaultBankLayouts,
});

export function noticeDays(db: Db, regionCode: string): Promise<number> {
  return readSetting(db, regionCode, noticeDaysSetting);
}

export function rosterRowsMax(db: Db, regionCode: string): Promise<number> {
  return readSetting(db, regionCode, rosterRowsMaxSetting);
}

export function bankLayouts(db: Db, regionCode: string): Promise<BankLayout[]> {
  return readSetting(db, regionCode, bankLayoutsSetting);
}
