// The final accounts' workspace: a township's tables for a year (built live while it is being
// prepared, the kept version once submitted or accepted), the formula results, the 决算说明, its report
// up; the district's page of every township with the consolidated total; the Excel workbook.
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { scopeCovers, type DistrictFinalView, type FinalAccountView, type FinalTableView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { getReport, listReports, reportStatus } from "../reporting/index.ts";
import { buildFinalContent } from "./build.ts";
import { evaluate, totalsOf, type FinalContent } from "./rules.ts";
import { FINAL_ACCOUNTS_REPORT, finalAccountsReport, problemsOf } from "./report.ts";
import { finalAccountNote } from "./tables.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

export const fail = defineErrorCodes({
  REPORT_LOCKED: 409,
});

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

/** The township must be in the actor's scope and be a township; otherwise OUT_OF_SCOPE (404), so existence does not leak. */
export async function townshipOrFail(db: Db, actor: Actor, regionCode: string): Promise<string> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不存在或不在您的数据范围内。");
  const [place] = await db.select({ name: region.name, level: region.level }).from(region).where(eq(region.regionCode, regionCode));
  if (!place) return fail("OUT_OF_SCOPE", "该乡镇不存在或不在您的数据范围内。");
  if (place.level !== "township") return fail("VALIDATION_FAILED", "决算由乡镇（街道）编制，请选择乡镇。", [{ path: "regionCode", message: "须为乡镇区划代码" }]);
  return place.name;
}

async function reportOf(db: Db, actor: Actor, regionCode: string, year: number, now: Date) {
  const found = await listReports(db, actor, { kind: FINAL_ACCOUNTS_REPORT, period: String(year), regionCode }, { limit: 1, offset: 0 }, now);
  const first = found.items[0];
  return first ? getReport(db, actor, first.id, now) : null;
}

/**
 * A township's final accounts for a year: while it is being prepared (or not yet), built now from
 * the books; once submitted or accepted, the version the district has.
 */
export async function finalAccountView(db: Db, actor: Actor, regionCode: string, year: number, now: Date): Promise<FinalAccountView> {
  const regionName = await townshipOrFail(db, actor, regionCode);
  const report = await reportOf(db, actor, regionCode, year, now);
  const content: FinalContent = report && report.status !== "prepared" ? (report.content as FinalContent) : await buildFinalContent(db, regionCode, year);
  const results = evaluate(content);
  const [note] = await db.select().from(finalAccountNote).where(and(eq(finalAccountNote.regionCode, regionCode), eq(finalAccountNote.fiscalYear, year)));
  return {
    regionCode,
    regionName,
    year,
    tables: content.tables,
    units: content.units.map((u) => ({ ...u, results: results.filter((r) => r.cells.some((c) => c.table.startsWith(`${u.budgetUnitId}/`))) })),
    results,
    passed: results.every((r) => r.passed || r.level === "warning"),
    problems: problemsOf({ ...content, note: report && report.status !== "prepared" ? content.note : (note?.text ?? "") }),
    totals: totalsOf(content),
    note: { text: report && report.status !== "prepared" ? content.note : (note?.text ?? ""), updatedByName: note?.updatedByName ?? null, updatedAt: note?.updatedAt.toISOString() ?? null },
    hasBooks: content.hasBooks,
    report: report
      ? { id: report.id, status: report.status, statusName: report.statusName, version: report.version, deadlineAt: report.deadlineAt, returnNote: report.returnNote ?? null, flowInstanceId: report.flowInstanceId, actions: report.actions }
      : null,
    builtAt: (report && report.status !== "prepared" ? new Date(report.preparedAt) : now).toISOString(),
  };
}

/** Saves the 决算说明 of a year; refused once the report is submitted or accepted. */
export async function saveNote(tx: Db, actor: Actor, input: { regionCode: string; year: number; text: string }, at: Date): Promise<FinalAccountView> {
  await townshipOrFail(tx, actor, input.regionCode);
  const report = await reportOf(tx, actor, input.regionCode, input.year, at);
  if (report && report.status !== "prepared") fail("REPORT_LOCKED", report.status === "accepted" ? `${input.year}年度决算已审核锁定，决算说明不能再改。` : `${input.year}年度决算已上报待审核，退回后才能修改决算说明。`);
  const [before] = await tx.select().from(finalAccountNote).where(and(eq(finalAccountNote.regionCode, input.regionCode), eq(finalAccountNote.fiscalYear, input.year)));
  const row = { regionCode: input.regionCode, fiscalYear: input.year, text: input.text, updatedBy: actor.userId, updatedByName: actor.displayName, updatedAt: at };
  await tx.insert(finalAccountNote).values(row).onConflictDoUpdate({ target: [finalAccountNote.regionCode, finalAccountNote.fiscalYear], set: { text: row.text, updatedBy: row.updatedBy, updatedByName: row.updatedByName, updatedAt: at } });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "finalAccounts.noteSaved", entityType: "finalAccount", entityId: `${input.regionCode}:${input.year}`, before: before ? { length: before.text.length } : undefined, after: { year: input.year, length: input.text.length } }, at);
  return finalAccountView(tx, actor, input.regionCode, input.year, at);
}

/** The district's page: every township's final account of the year, and the consolidated total of those received. */
export async function districtFinal(db: Db, actor: Actor, year: number, now: Date): Promise<DistrictFinalView> {
  const status = await reportStatus(db, actor, { kindCode: FINAL_ACCOUNTS_REPORT, period: String(year) }, now);
  const consolidated = status.consolidated ? (status.consolidated.content as FinalContent) : null;
  const summary = consolidated?.tables.find((t) => t.code === "summary");
  const cellOf = (key: string) => summary?.rows.find((r) => r.key === key)?.values[2] ?? "0.00";
  return {
    year,
    deadlineAt: status.deadlineAt,
    rows: status.rows.map((r) => ({ regionCode: r.regionCode, regionName: r.regionName, status: r.displayStatus, statusName: r.statusName, revenue: r.summary.revenue ?? null, expenditure: r.summary.expenditure ?? null, reportId: r.reportId, overdue: r.overdue })),
    consolidated: consolidated
      ? { tables: consolidated.tables.filter((t) => t.code !== "treasury"), townships: status.consolidatedCount, eliminated: { transfersFromDistrict: cellOf("eliminate-transfer"), remittancesToDistrict: cellOf("eliminate-remittance") } }
      : null,
  };
}

// ---------------------------------------------------------------- Excel

/** Writes tables in their customary layout: the title, the township and unit (元), the headings, indented rows. */
export async function tablesWorkbook(heading: string, tables: readonly FinalTableView[], note?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const t of tables) {
    let name = t.title.replace(/[\\/?*[\]:]/g, "").slice(0, 28);
    for (let i = 2; used.has(name); i++) name = `${t.title.slice(0, 26)}${i}`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    const width = t.columns.length + 1;
    sheet.addRow([t.title]).font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, width);
    sheet.getCell(1, 1).alignment = { horizontal: "center" };
    sheet.addRow([heading, ...Array.from({ length: width - 2 }, () => ""), "单位：元"]);
    const head = sheet.addRow(["项目", ...t.columns]);
    head.font = { bold: true };
    for (const r of t.rows) {
      const row = sheet.addRow([`${"\u3000".repeat(Math.max(0, r.level - 1))}${r.label}`, ...r.values.map((v) => (v === null ? "" : Number(v)))]);
      if (r.total || r.level === 0) row.font = { bold: true };
    }
    sheet.addRow([]);
    sheet.addRow([`数据来源：${t.source}`]);
    sheet.getColumn(1).width = 44;
    for (let c = 2; c <= width; c++) {
      sheet.getColumn(c).width = 18;
      sheet.getColumn(c).numFmt = "#,##0.00";
    }
  }
  if (note !== undefined) {
    const sheet = book.addWorksheet("决算说明");
    sheet.addRow(["决算说明"]).font = { bold: true, size: 14 };
    for (const line of (note || "（未填写）").split("\n")) sheet.addRow([line]);
    sheet.getColumn(1).width = 120;
  }
  return await workbookBuffer(book);
}

/** Every table of a township's final accounts (and its units' 部门决算) and the 说明, as one workbook. */
export async function finalAccountWorkbook(db: Db, actor: Actor, regionCode: string, year: number, now: Date): Promise<{ fileName: string; bytes: Buffer }> {
  const view = await finalAccountView(db, actor, regionCode, year, now);
  const tables = [...view.tables, ...view.units.flatMap((u) => u.tables.map((t) => ({ ...t, title: `${u.unitName}${t.title}` })))];
  return { fileName: `${view.regionName}${year}年度财政总决算.xlsx`, bytes: await tablesWorkbook(`编报单位：${view.regionName}  ${year}年度`, tables, view.note.text) };
}

export { finalAccountsReport };
