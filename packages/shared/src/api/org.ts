import { z } from "zod";
import { pageQuery, regionCodeSchema, searchText } from "./common.ts";

export const regionListQuery = z.strictObject({
  ...pageQuery,
  level: z.enum(["district", "township", "village"]).optional(),
  parentCode: regionCodeSchema.optional(),
  q: searchText.optional(),
});
export const createRegionBody = z.strictObject({
  regionCode: regionCodeSchema,
  name: z.string().trim().min(1, "请输入名称").max(100),
  parentCode: regionCodeSchema.nullable().optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
});
export const updateRegionBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  population: z.number().int().min(0).max(10_000_000).nullable().optional(),
});
export const budgetUnitKinds = ["administrative", "publicInstitution", "other"] as const;
export const budgetUnitKindNames: Record<(typeof budgetUnitKinds)[number], string> = {
  administrative: "行政单位",
  publicInstitution: "事业单位",
  other: "其他",
};
export const budgetUnitStatusNames = { pending: "待审批", active: "已登记", rejected: "不予登记", returned: "退回修改" } as const;
export const createBudgetUnitBody = z.strictObject({
  regionCode: regionCodeSchema,
  creditCode: z.string().trim().min(1, "请输入统一社会信用代码").max(18, "统一社会信用代码应为18位"),
  name: z.string().trim().min(2, "名称至少2个字").max(100),
  kind: z.enum(budgetUnitKinds),
});
export const budgetUnitListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  status: z.enum(["pending", "active", "rejected", "returned"]).optional(),
  q: searchText.optional(),
});
