// Chinese names for the codes the API sends. Role names come from GET /roles when the
// user may read them; this table (from docs/api.md) covers the top bar and fallbacks.
// This file is part of the first screen's bundle, so it does not import the shared
// package (whose request schemas bring zod); budget-unit names live in
// pages/org/budgetUnitLabels.ts.
import type { RegionLevel, UserStatus } from "../apiTypes.ts";

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  districtAdmin: "区财政局系统管理员",
  districtSupervisor: "区财政局监管员",
  townshipDirector: "财政所所长",
  generalBudgetAccountant: "总预算会计",
  unitAccountant: "行财会计",
  subsidyClerk: "惠农补贴专管员",
  cashier: "出纳",
  archivist: "档案管理员",
  budgetUnitClerk: "预算单位经办人",
  villageReviewer: "村级审核员",
  congressReviewer: "人大审查员",
  auditor: "审计员（只读）",
};

/** The Chinese name of a role, preferring names the server sent; unknown codes show as-is. */
export function roleName(code: string, serverNames?: ReadonlyMap<string, string>): string {
  return serverNames?.get(code) ?? ROLE_NAMES[code] ?? code;
}

export const USER_STATUS: Readonly<Record<UserStatus, { label: string; color: string }>> = {
  active: { label: "正常", color: "green" },
  disabled: { label: "已停用", color: "default" },
};

export const REGION_LEVEL: Readonly<Record<RegionLevel, string>> = {
  district: "区县",
  township: "乡镇（街道）",
  village: "村（社区）",
};

/** Options for antd Select from a label table, in the table's order. */
export function optionsOf<K extends string>(table: Readonly<Record<K, string | { label: string }>>): { value: K; label: string }[] {
  return (Object.keys(table) as K[]).map((value) => {
    const entry = table[value];
    return { value, label: typeof entry === "string" ? entry : entry.label };
  });
}
