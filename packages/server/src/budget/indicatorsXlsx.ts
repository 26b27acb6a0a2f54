// 预算指标台账 as Excel: the indicators of the list's filters and the user's scope (the list's own
// query, page by page), each with its functional and economic codes named from the year's catalogue,
// its balances as numbers, and the township's name so the district's export reads side by side.
import { fundNatureNames, indicatorSourceNames, indicatorStatusNames, paymentMethodNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { regionNames } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { classificationNamesByYear, codeWithName } from "../catalog/index.ts";
import { listIndicators, type IndicatorFilter } from "./indicators.ts";

export const INDICATOR_EXPORT_HEADER = ["乡镇", "年度", "指标文号", "来源", "预算单位", "功能分类", "经济分类", "资金性质", "支付方式", "摘要", "指标数（元）", "在途（元）", "已支付（元）", "可用（元）", "执行率", "状态", "下达日期"] as const;

/** The indicators of the list's filters, as the list orders them, as a workbook. */
export async function indicatorsWorkbook(db: Db, actor: Actor, filter: IndicatorFilter): Promise<Buffer> {
  const indicators = await rowsForExport(db, (tx, page) => listIndicators(tx, actor, filter, page));
  const regions = await regionNames(db, indicators.map((i) => i.regionCode));
  const codes = await classificationNamesByYear(db, indicators, (i) => ({ regionCode: i.regionCode, fiscalYear: i.fiscalYear, functional: i.functionalCode, economic: i.economicCode }));
  const rows = indicators.map((i) => [
    regions.get(i.regionCode) ?? i.regionCode, i.fiscalYear, i.documentNo,
    i.source === "carryOver" ? `${indicatorSourceNames.carryOver}（${indicatorSourceNames[i.originSource]}）` : indicatorSourceNames[i.source],
    i.budgetUnitName, codeWithName(i.functionalCode, codes(i).functional), codeWithName(i.economicCode, codes(i).economic),
    fundNatureNames[i.fundNature], paymentMethodNames[i.paymentMethod], i.summary, i.issued, i.reserved, i.paid, i.available, i.executionRate,
    indicatorStatusNames[i.status], chinaDate(new Date(i.createdAt)),
  ]);
  return workbookOf("预算指标", INDICATOR_EXPORT_HEADER, rows, [10, 6, 22, 16, 22, 24, 24, 14, 10, 28, 14, 14, 14, 14, 8, 8, 11]);
}
