// The final accounts' endpoints (决算): a township's workspace for a year, its 决算说明, the Excel
// workbook, the district's page, publication to residents. Preparing, submitting, accepting and
// returning go through the report-up endpoints (reportingApi, kind finalAccounts, period the year).
import type { DistrictFinalView, FinalAccountView, FinalCellRef, FinalTableView, Items, PublicDocumentView } from "@xiangcai/shared";
import { download, request } from "../../api.ts";

export type { DistrictFinalView, FinalAccountView, FinalCellRef, FinalFormulaResultView, FinalTableRowView, FinalTableView, PublicDocumentView } from "@xiangcai/shared";

/** The report kind of the final accounts in the report-up mechanism. */
export const FINAL_KIND = "finalAccounts";

export const finalApi = {
  view: (regionCode: string, year: number, signal?: AbortSignal) => request<FinalAccountView>(`/final-accounts/${regionCode}/${year}`, { signal }),
  saveNote: (regionCode: string, year: number, text: string) => request<FinalAccountView>(`/final-accounts/${regionCode}/${year}/note`, { method: "PUT", body: { text } }),
  exportExcel: (regionCode: string, year: number) => download(`/final-accounts/${regionCode}/${year}/export`, { fallbackName: `${year}年度财政总决算.xlsx` }),
  district: (year: number, signal?: AbortSignal) => request<DistrictFinalView>("/final-accounts/district", { query: { year }, signal }),
  publications: (signal?: AbortSignal) => request<Items<PublicDocumentView>>("/final-accounts/publications", { signal }),
  publish: (body: { kind: "budget" | "finalAccount"; regionCode: string; year: number }) => request<PublicDocumentView>("/final-accounts/publications", { method: "POST", body }),
};

/** This year in China time. */
export function thisYear(): number {
  return Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
}

/** The years offered in the year pickers: this year and the four before it. */
export function yearOptions(): { value: number; label: string }[] {
  const year = thisYear();
  return Array.from({ length: 5 }, (_, i) => ({ value: year - i, label: `${year - i}年度` }));
}

/** The key of a cell a formula reads ("table|row|column"), the same on the formula and on the table. */
export const cellKey = (c: FinalCellRef) => `${c.table}|${c.row}|${c.column}`;
/** The element id of a rendered cell, so a formula's link can scroll to it. */
export const cellDomId = (c: FinalCellRef) => `final-cell-${cellKey(c)}`;

/** Every table of a view by its address (a unit's as "<budget unit id>/<code>"), with the tab it sits on. */
export function tableIndex(view: Pick<FinalAccountView, "tables" | "units">): Map<string, { table: FinalTableView; tab: string; title: string }> {
  const out = new Map<string, { table: FinalTableView; tab: string; title: string }>();
  for (const t of view.tables) out.set(t.code, { table: t, tab: t.code, title: t.title });
  for (const u of view.units) for (const t of u.tables) out.set(`${u.budgetUnitId}/${t.code}`, { table: t, tab: "units", title: `${u.unitName}${t.title}` });
  return out;
}

/** Where a cell is, said as a person would: 表 › 行 › 列. */
export function describeCell(index: ReturnType<typeof tableIndex>, c: FinalCellRef): string {
  const found = index.get(c.table);
  if (!found) return "（表不存在）";
  const row = found.table.rows.find((r) => r.key === c.row);
  return `${found.title} › ${row ? row.label : "（无此行）"} › ${found.table.columns[c.column] ?? ""}`;
}
