// The treasury's daily revenue report (国库收入日报): entered in a form or imported from the
// treasury's Excel file, by revenue class. Every row is checked against the year's revenue catalogue
// (revenueRules.ts); a report with a bad row is refused whole, each bad row named. A recorded report
// is append-only and announced to the fiscal general ledger, which posts it.
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { formatYuan, REVENUE_REPORT_LINES_MAX, scopeCovers, type RevenueReportView } from "@xiangcai/shared";
export type { RevenueReportView };
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { loadWorkbook, refuseSheet } from "../platform/sheetReader.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { publish } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { catalogRegionOf, classificationItem, revenueFundOf } from "../catalog/index.ts";
import { revenueReportedTopic } from "./events.ts";
import { treasuryRevenueLine, treasuryRevenueReport } from "./tables.ts";
import { checkRevenueRows, revenueRowsOf, type RevenueRow } from "./revenueRules.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

export const fail = defineErrorCodes({ REVENUE_REPORT_INVALID: 422, FILE_INVALID: 422 });

function view(r: typeof treasuryRevenueReport.$inferSelect): RevenueReportView {
  return { id: r.id, regionCode: r.regionCode, reportDate: r.reportDate, source: r.source, fileName: r.fileName, lineCount: r.lineCount, total: formatYuan(r.totalFen), recordedByName: r.recordedByName, recordedAt: r.recordedAt.toISOString() };
}

function townshipOf(actor: Actor, regionCode: string | undefined): string {
  const code = regionCode ?? actor.regionCode;
  if (!/^[0-9]{9}$/.test(code) || code.endsWith("000") || !scopeCovers(actor.scopePrefix, code)) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  return code;
}

/** Records a day's report from rows: all rows valid, or REVENUE_REPORT_INVALID naming every bad row and nothing written. */
export async function recordRevenueReport(
  tx: Db,
  actor: Actor,
  input: { regionCode?: string | undefined; reportDate: string; source: "entered" | "imported"; fileName?: string | undefined; rows: readonly RevenueRow[] },
  at: Date,
): Promise<RevenueReportView> {
  const regionCode = townshipOf(actor, input.regionCode);
  if (input.rows.length > REVENUE_REPORT_LINES_MAX) fail("REVENUE_REPORT_INVALID", `一份日报最多 ${REVENUE_REPORT_LINES_MAX} 行。`);
  const fiscalYear = Number.parseInt(input.reportDate.slice(0, 4), 10);
  const codes = [...new Set(input.rows.map((r) => r.revenueCode.trim()).filter((c) => /^[0-9]{3,9}$/.test(c)))];
  const known = codes.length
    ? await tx
        .select({ code: classificationItem.code, name: classificationItem.name })
        .from(classificationItem)
        .where(and(eq(classificationItem.regionCode, catalogRegionOf(regionCode)), eq(classificationItem.fiscalYear, fiscalYear), eq(classificationItem.kind, "revenue"), inArray(classificationItem.code, codes)))
    : [];
  const names = new Map(known.map((k) => [k.code, k.name]));
  const checked = checkRevenueRows(input.rows, { nameOf: (c) => names.get(c), fundOf: revenueFundOf }, fiscalYear);
  if (checked.errors.length) {
    const where = input.source === "imported" ? (line: number) => (line ? `第 ${line} 行` : "文件") : (line: number) => (line ? `第 ${line} 项` : "日报");
    return fail(
      "REVENUE_REPORT_INVALID",
      `收入日报有 ${checked.errors.length} 处错误，未登记任何收入：${checked.errors.slice(0, 5).map((e) => `${where(e.line)}：${e.message}`).join("；")}${checked.errors.length > 5 ? "……" : ""}`,
      checked.errors.map((e) => ({ path: `rows.${e.line}`, message: e.message })),
    );
  }
  const id = uuidv7(at.getTime());
  const totalFen = checked.lines.reduce((s, l) => s + l.amountFen, 0n);
  const row = { regionCode, id, reportDate: input.reportDate, source: input.source, fileName: input.fileName ?? null, lineCount: checked.lines.length, totalFen, recordedBy: actor.userId, recordedByName: actor.displayName, recordedAt: at };
  await tx.insert(treasuryRevenueReport).values(row);
  await tx.insert(treasuryRevenueLine).values(checked.lines.map((l, i) => ({ regionCode, reportId: id, lineNo: i + 1, revenueCode: l.revenueCode, revenueName: l.revenueName, fund: l.fund, amountFen: l.amountFen })));
  await recordAudit(tx, { regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "treasury.revenueReported", entityType: "treasuryRevenueReport", entityId: id, after: { reportDate: input.reportDate, source: input.source, fileName: row.fileName, lines: checked.lines.length, total: formatYuan(totalFen) } }, at);
  await publish(tx, revenueReportedTopic, { regionCode, payload: { reportId: id, regionCode, reportDate: input.reportDate, lines: checked.lines.map((l) => ({ revenueCode: l.revenueCode, revenueName: l.revenueName, fund: l.fund, amount: formatYuan(l.amountFen) })) } }, at);
  return view(row);
}

/** The rows of the treasury's report workbook: first sheet, columns 编码, (名称,) 金额. */
export async function readRevenueWorkbook(content: Buffer): Promise<RevenueRow[]> {
  const workbook = await loadWorkbook(content).catch(
    refuseSheet((message) => fail("FILE_INVALID", `无法读取 Excel 文件（请上传国库收入日报的 .xlsx 文件，可先下载模板）：${message}`, [{ path: "content", message: "文件格式不正确" }])),
  );
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) return fail("FILE_INVALID", "工作表为空。", [{ path: "content", message: "工作表为空" }]);
  if (sheet.rowCount > REVENUE_REPORT_LINES_MAX + 1) fail("FILE_INVALID", `一份日报最多 ${REVENUE_REPORT_LINES_MAX} 行。`);
  const records: string[][] = [];
  for (let i = 1; i <= sheet.rowCount; i++) {
    const row = sheet.getRow(i);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(3, row.cellCount); c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push("");
      else if (typeof v === "object" && "richText" in v) cells.push(v.richText.map((t) => t.text).join(""));
      else if (typeof v === "object" && "result" in v) cells.push(String(v.result ?? ""));
      else cells.push(String(v));
    }
    records.push(cells);
  }
  return revenueRowsOf(records);
}

/** An empty report workbook with the expected header and two example rows. */
export async function revenueTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("国库收入日报");
  sheet.columns = [{ width: 18 }, { width: 30 }, { width: 18 }];
  sheet.addRow(["收入分类编码", "收入分类名称", "金额（元）"]).font = { bold: true };
  sheet.addRow(["1010101", "国内增值税", 12345.67]);
  sheet.addRow(["10119", "契税（退库写负数）", -200]);
  return await workbookBuffer(workbook);
}

export async function getRevenueReport(db: Db, actor: Actor, id: string): Promise<RevenueReportView> {
  const [report] = await db.select().from(treasuryRevenueReport).where(and(eq(treasuryRevenueReport.id, id), scopeCondition(treasuryRevenueReport.regionCode, actor.scopePrefix)));
  if (!report) return fail("OUT_OF_SCOPE", "收入日报不存在或不在您的数据范围内。");
  const lines = await db.select().from(treasuryRevenueLine).where(and(eq(treasuryRevenueLine.regionCode, report.regionCode), eq(treasuryRevenueLine.reportId, report.id))).orderBy(asc(treasuryRevenueLine.lineNo));
  return { ...view(report), lines: lines.map((l) => ({ lineNo: l.lineNo, revenueCode: l.revenueCode, revenueName: l.revenueName, fund: l.fund, amount: formatYuan(l.amountFen) })) };
}

export async function listRevenueReports(db: Db, actor: Actor, filter: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(treasuryRevenueReport.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(treasuryRevenueReport.regionCode, filter.regionCode));
  if (filter.from) conditions.push(gte(treasuryRevenueReport.reportDate, filter.from));
  if (filter.to) conditions.push(lte(treasuryRevenueReport.reportDate, filter.to));
  const where = and(...conditions);
  const rows = await db.select().from(treasuryRevenueReport).where(where).orderBy(desc(treasuryRevenueReport.reportDate), desc(treasuryRevenueReport.recordedAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${treasuryRevenueReport.totalFen}), 0)::text` }).from(treasuryRevenueReport).where(where);
  return { items: rows.map(view), total: count?.n ?? 0, totalAmount: formatYuan(BigInt(count?.fen ?? "0")) };
}
