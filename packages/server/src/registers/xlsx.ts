// The registers in Excel: reading the uploaded sheets (policy documents, the tax office's export,
// basic data) into rows, and writing each register for export.
import { policyDocumentBody, policyLevelNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { columnsOf, readUploadedSheet, refuseRows, rowsForExport, workbookOf } from "../platform/sheets.ts";
import { rowFieldProblems } from "../platform/sheetReader.ts";
import { assertTownship } from "./common.ts";
import { createPolicyDocument, listPolicyDocuments, type PolicyFilter, type PolicyInput } from "./policy.ts";
import { importTaxPayments, listTaxSources, type TaxSourceFilter } from "./taxSources.ts";
import { importBasicData, listBasicData, BASIC_DATA_IMPORT_ROWS_MAX } from "./basicData.ts";
import { TAX_IMPORT_ROWS_MAX, type TaxRow } from "./rules.ts";

export async function taxImportFromSheet(tx: Db, actor: Actor, regionCode: string, body: unknown, at: Date) {
  assertTownship(actor, regionCode);
  const sheet = await readUploadedSheet(body, TAX_IMPORT_ROWS_MAX);
  const col = columnsOf(sheet.header, { creditCode: "纳税人识别号", name: "纳税人名称", month: "所属期", taxKind: "税种", amount: "实缴金额" });
  const industry = sheet.header.findIndex((h) => h.trim() === "行业");
  const rows: TaxRow[] = sheet.rows.map(({ row, cells }) => ({ row, creditCode: cells[col.creditCode] ?? "", name: cells[col.name] ?? "", month: cells[col.month] ?? "", taxKind: cells[col.taxKind] ?? "", amount: cells[col.amount] ?? "", industry: industry >= 0 ? (cells[industry] ?? "") : "" }));
  return importTaxPayments(tx, actor, regionCode, rows, at);
}

export async function basicDataImportFromSheet(tx: Db, actor: Actor, regionCode: string, body: unknown, at: Date) {
  assertTownship(actor, regionCode);
  const sheet = await readUploadedSheet(body, BASIC_DATA_IMPORT_ROWS_MAX);
  const village = sheet.header.findIndex((h) => h.trim() === "村代码" || h.trim() === "村（居）");
  if (village < 0) refuseRows([{ row: 1, field: "header", message: "表头须有“村代码”或“村（居）”列" }]);
  const col = columnsOf(sheet.header, { year: "年度", population: "人口", households: "户数", farmlandMu: "耕地面积（亩）", forestMu: "林地面积（亩）" });
  const rows = sheet.rows.map(({ row, cells }) => ({ row, village: cells[village] ?? "", year: cells[col.year] ?? "", population: cells[col.population] ?? "", households: cells[col.households] ?? "", farmlandMu: cells[col.farmlandMu] ?? "", forestMu: cells[col.forestMu] ?? "" }));
  return importBasicData(tx, actor, regionCode, rows, at);
}

const levelsByName = new Map(Object.entries(policyLevelNames).map(([code, name]) => [name as string, code as PolicyInput["level"]]));

/** Policy documents from a sheet: 文号, 标题, 发文机关, 层级, 发文日期, 主题, 适用范围, 生效日期, 失效日期. */
export async function policyImportFromSheet(tx: Db, actor: Actor, regionCode: string, body: unknown, at: Date): Promise<{ created: number }> {
  assertTownship(actor, regionCode);
  const sheet = await readUploadedSheet(body, 2_000);
  const headers = { documentNo: "文号", title: "标题", issuer: "发文机关", level: "层级", issuedDate: "发文日期", subject: "主题", scope: "适用范围", effectiveDate: "生效日期", expiryDate: "失效日期" } as const;
  const col = columnsOf(sheet.header, headers);
  // The API's rules of the text fields (lengths), applied to each row as to a form.
  const { documentNo, title, issuer, subject, scope } = policyDocumentBody.shape;
  const textRules = { documentNo, title, issuer, subject, scope };
  const errors: { row: number; field: string; message: string }[] = [];
  const inputs: PolicyInput[] = [];
  const dates = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  const seen = new Set<string>();
  for (const { row, cells } of sheet.rows) {
    const cell = (k: keyof typeof col) => (cells[col[k]] ?? "").trim();
    const err = (field: string, message: string) => errors.push({ row, field, message: `第${row}行：${message}` });
    if (!cell("documentNo")) err("documentNo", "请填写文号");
    else if (seen.has(cell("documentNo"))) err("documentNo", `文号“${cell("documentNo")}”在表中重复`);
    seen.add(cell("documentNo"));
    if (cell("title").length < 2) err("title", "请填写标题");
    if (cell("issuer").length < 2) err("issuer", "请填写发文机关");
    const level = levelsByName.get(cell("level")) ?? (["central", "province", "city", "district"].includes(cell("level")) ? (cell("level") as PolicyInput["level"]) : undefined);
    if (!level) err("level", `层级“${cell("level")}”应为 中央、省、市 或 区`);
    for (const k of ["issuedDate", "effectiveDate"] as const) if (!dates.test(cell(k))) err(k, `${k === "issuedDate" ? "发文日期" : "生效日期"}“${cell(k)}”应为 YYYY-MM-DD`);
    if (cell("expiryDate") && !dates.test(cell("expiryDate"))) err("expiryDate", `失效日期“${cell("expiryDate")}”应为 YYYY-MM-DD`);
    const rowErrors = errors.filter((e) => e.row === row).map((e) => e.field);
    for (const broken of rowFieldProblems(textRules, { documentNo: cell("documentNo"), title: cell("title"), issuer: cell("issuer"), subject: cell("subject"), scope: cell("scope") }, headers)) {
      if (!rowErrors.includes(broken.field)) err(broken.field, broken.message);
    }
    if (level) inputs.push({ documentNo: cell("documentNo"), title: cell("title"), issuer: cell("issuer"), level, issuedDate: cell("issuedDate"), subject: cell("subject"), scope: cell("scope"), effectiveDate: cell("effectiveDate"), expiryDate: cell("expiryDate") || null, subsidyItemCodes: [], functionalCodes: [] });
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, field: "rows", message: "表格没有数据行" });
  if (errors.length) refuseRows(errors);
  for (const input of inputs) await createPolicyDocument(tx, actor, { ...input, regionCode }, at);
  return { created: inputs.length };
}

export async function policyWorkbook(db: Db, actor: Actor, filter: PolicyFilter, now: Date): Promise<Buffer> {
  const items = await rowsForExport(db, (tx, page) => listPolicyDocuments(tx, actor, filter, page, now));
  return workbookOf("政策文件台账", ["乡镇", "文号", "标题", "发文机关", "层级", "发文日期", "主题", "适用范围", "生效日期", "失效日期", "状态", "原件"], items.map((d) => [d.regionName, d.documentNo, d.title, d.issuer, d.levelName, d.issuedDate, d.subject, d.scope, d.effectiveDate, d.expiryDate ?? "", d.status === "active" ? "有效" : "已废止", d.attachment?.fileName ?? ""]), [10, 22, 40, 18, 6, 12, 40, 20, 12, 12, 8, 20]);
}

export async function taxSourceWorkbook(db: Db, actor: Actor, filter: TaxSourceFilter): Promise<Buffer> {
  const items = await rowsForExport(db, (tx, page) => listTaxSources(tx, actor, filter, page));
  return workbookOf("税源台账", ["乡镇", "统一社会信用代码", "名称", "类型", "行业", "所在村", "税种", "近12个月纳税（元）"], items.map((s) => [s.regionName, s.creditCode, s.name, s.kind === "enterprise" ? "企业" : "个体工商户", s.industry, s.villageName ?? "", s.taxKinds.join("、"), s.last12Months]), [10, 22, 30, 10, 14, 12, 24, 16]);
}

export async function basicDataWorkbook(db: Db, actor: Actor, filter: { year?: number | undefined; regionCode?: string | undefined; q?: string | undefined }): Promise<Buffer> {
  const items = await rowsForExport(db, (tx, page) => listBasicData(tx, actor, filter, page));
  return workbookOf("基础数据台账", ["乡镇", "村代码", "村（居）", "年度", "人口", "户数", "耕地面积（亩）", "林地面积（亩）"], items.map((b) => [b.townshipName, b.regionCode, b.villageName, b.year, b.population, b.households, b.farmlandMu, b.forestMu]), [10, 16, 12, 8, 10, 10, 16, 16]);
}
