// The debt register and schedules in Excel: export of the register and of a schedule; import of many
// debts at once and of a schedule, each checking every row first, naming every bad row, and writing
// nothing when any row is bad.
import { createDebtBody, scopeCovers, bondPurposeNames, bondTypeNames, debtKindNames, scheduleFrequencyNames, scheduleMethodNames, type DebtDetailView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import type { Actor } from "../identity/index.ts";
import { rowFieldProblems } from "../platform/sheetReader.ts";
import { columnsOf, readUploadedSheet, rowsForExport, workbookOf } from "../platform/sheets.ts";
import { getDebt, importSchedule, listDebts, registerDebt, type CreateDebtInput, type DebtFilter } from "./register.ts";
import { checkDebtInput } from "./rules.ts";
import { readTerms, IMPORTED_SCHEDULE_LINES_MAX } from "./schedule.ts";
import { listLoans, type LoanFilter } from "./parkCredit.ts";

/** The most debts one register import may hold. */
export const DEBT_IMPORT_ROWS_MAX = 1000;
/** The most debts one export holds. */
export const DEBT_EXPORT_ROWS_MAX = 20_000;

const REGISTER_COLUMNS = {
  kind: "债务类型",
  name: "债务名称",
  creditorName: "债权人",
  creditorCreditCode: "债权人统一社会信用代码",
  documentNo: "转贷文件或合同编号",
  principal: "本金（元）",
  startDate: "起始日期",
  dueDate: "应付日期",
  annualRate: "年利率（%）",
  periods: "期数",
  frequency: "还款频率",
  method: "还款方式",
  bondType: "债券类型",
  bondPurpose: "债券用途",
  isHidden: "隐性债务",
  purpose: "用途",
} as const;

/** The API's rules of the register's text fields (lengths), applied to each imported row. */
const { name, creditorName, creditorCreditCode, documentNo, purpose } = createDebtBody.shape;
const TEXT_RULES = { name, creditorName, creditorCreditCode, documentNo, purpose };

const reverse = <T extends string>(names: Record<T, string>) => new Map(Object.entries(names).map(([code, name]) => [name as string, code as T]));
const kindsByName = reverse(debtKindNames);
const bondTypesByName = reverse(bondTypeNames);
const bondPurposesByName = reverse(bondPurposeNames);
const frequenciesByName = reverse(scheduleFrequencyNames);
const methodsByName = reverse(scheduleMethodNames);

/** Reads a code or its Chinese name (either is accepted in a cell). */
function codeOf<T extends string>(cell: string, byName: Map<string, T>, codes: readonly T[]): T | undefined {
  if ((codes as readonly string[]).includes(cell)) return cell as T;
  return byName.get(cell);
}

export interface ImportOutcome {
  ok: boolean;
  errors: { row: number; field: string; message: string }[];
  created: number;
}

/** Registers every debt of a sheet in one township, or none: each bad row is named with its reason. */
export async function importDebtRegister(tx: Db, actor: Actor, regionCode: string, body: unknown, at: Date): Promise<ImportOutcome> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const sheet = await readUploadedSheet(body, DEBT_IMPORT_ROWS_MAX);
  if (sheet.rows.length > DEBT_IMPORT_ROWS_MAX) return { ok: false, errors: [{ row: 1, field: "rows", message: `一次最多导入 ${DEBT_IMPORT_ROWS_MAX} 笔债务` }], created: 0 };
  const col = columnsOf(sheet.header, REGISTER_COLUMNS);
  const errors: ImportOutcome["errors"] = [];
  const inputs: CreateDebtInput[] = [];
  for (const { row, cells } of sheet.rows) {
    const cell = (k: keyof typeof REGISTER_COLUMNS) => (cells[col[k]] ?? "").trim();
    const rowErrors: ImportOutcome["errors"] = [];
    const kind = codeOf(cell("kind"), kindsByName, ["bond", "loan", "arrears", "other"] as const);
    if (!kind) rowErrors.push({ row, field: "kind", message: `第${row}行：债务类型“${cell("kind")}”无效，应为 ${Object.values(debtKindNames).join("、")}` });
    if (cell("name").length < 2) rowErrors.push({ row, field: "name", message: `第${row}行：请填写债务名称` });
    if (cell("creditorName").length < 2) rowErrors.push({ row, field: "creditorName", message: `第${row}行：请填写债权人` });
    if (!cell("documentNo")) rowErrors.push({ row, field: "documentNo", message: `第${row}行：请填写转贷文件或合同编号` });
    const frequency = cell("frequency") ? codeOf(cell("frequency"), frequenciesByName, ["monthly", "quarterly", "semiannual", "annual"] as const) : "annual";
    const method = cell("method") ? codeOf(cell("method"), methodsByName, ["bullet", "equalPrincipal", "annuity"] as const) : "bullet";
    const bondType = cell("bondType") ? codeOf(cell("bondType"), bondTypesByName, ["general", "special"] as const) : undefined;
    const bondPurpose = cell("bondPurpose") ? codeOf(cell("bondPurpose"), bondPurposesByName, ["new", "refinancing"] as const) : undefined;
    if (cell("bondType") && !bondType) rowErrors.push({ row, field: "bondType", message: `第${row}行：债券类型“${cell("bondType")}”无效` });
    if (cell("bondPurpose") && !bondPurpose) rowErrors.push({ row, field: "bondPurpose", message: `第${row}行：债券用途“${cell("bondPurpose")}”无效` });
    const hiddenText = cell("isHidden");
    if (hiddenText && !["是", "否"].includes(hiddenText)) rowErrors.push({ row, field: "isHidden", message: `第${row}行：隐性债务填“是”或“否”` });
    const isHidden = hiddenText === "是";
    const annualRate = kind === "arrears" ? "0" : cell("annualRate") || "0";
    const periods = kind === "arrears" ? "1" : cell("periods") || "1";
    const terms = readTerms({ principal: cell("principal"), rate: annualRate, start: cell("startDate"), periods, frequency: frequency ?? cell("frequency"), method: method ?? cell("method") });
    if (!terms.ok) for (const p of terms.problems) rowErrors.push({ row, field: p.field, message: `第${row}行：${p.message}` });
    if (kind) {
      for (const e of checkDebtInput({ kind, bondType, bondPurpose, creditorCreditCode: cell("creditorCreditCode") || undefined, startDate: cell("startDate"), dueDate: cell("dueDate") || undefined, isHidden, hasResolutionPlan: false })) {
        if (e.path !== "startDate" || terms.ok) rowErrors.push({ row, field: e.path, message: `第${row}行：${e.message}` });
      }
    }
    const text = { name: cell("name"), creditorName: cell("creditorName"), creditorCreditCode: cell("creditorCreditCode"), documentNo: cell("documentNo"), purpose: cell("purpose") };
    for (const broken of rowFieldProblems(TEXT_RULES, text, REGISTER_COLUMNS)) {
      if (!rowErrors.some((e) => e.field === broken.field)) rowErrors.push({ row, field: broken.field, message: `第${row}行：${broken.message}` });
    }
    errors.push(...rowErrors);
    if (rowErrors.length === 0 && kind && terms.ok) {
      inputs.push({
        regionCode,
        kind,
        name: cell("name"),
        creditorName: cell("creditorName"),
        creditorCreditCode: cell("creditorCreditCode") || undefined,
        documentNo: cell("documentNo"),
        principal: cell("principal"),
        startDate: cell("startDate"),
        dueDate: cell("dueDate") || undefined,
        annualRate,
        periods: terms.terms.periods,
        frequency: terms.terms.frequency,
        method: terms.terms.method,
        bondType,
        bondPurpose,
        isHidden,
        purpose: cell("purpose"),
      });
    }
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, field: "rows", message: "表格没有数据行" });
  if (errors.length) return { ok: false, errors, created: 0 };
  for (const input of inputs) await registerDebt(tx, actor, input, at);
  return { ok: true, errors: [], created: inputs.length };
}

/** The register as a workbook, with the list's filters. */
export async function debtListWorkbook(db: Db, actor: Actor, filter: DebtFilter, now: Date): Promise<Buffer> {
  const debts = await rowsForExport(db, (tx, page) => listDebts(tx, actor, filter, page, now), DEBT_EXPORT_ROWS_MAX);
  const rows = debts.map((d) => [d.regionName, d.debtNo, d.kindName, d.name, d.creditorName, d.creditorCreditCode ?? "", d.documentNo, d.principal, d.balance, d.startDate, d.maturityDate, d.annualRate, scheduleFrequencyNames[d.frequency], scheduleMethodNames[d.method], d.bondType ? bondTypeNames[d.bondType] : "", d.bondPurpose ? bondPurposeNames[d.bondPurpose] : "", d.isHidden ? "是" : "否", d.overdueAmount, d.purpose]);
  const header = ["乡镇", "债务编号", "债务类型", "债务名称", "债权人", "债权人统一社会信用代码", "转贷文件或合同编号", "本金（元）", "余额（元）", "起始日期", "到期日期", "年利率（%）", "还款频率", "还款方式", "债券类型", "债券用途", "隐性债务", "逾期金额（元）", "用途"];
  return workbookOf("债务台账", header, rows, [10, 16, 14, 28, 22, 22, 22, 14, 14, 12, 12, 10, 8, 16, 10, 10, 8, 14, 24]);
}

const SCHEDULE_COLUMNS = { period: "期次", dueDate: "到期日", principal: "本金（元）", interest: "利息（元）" } as const;

/** Imports a schedule from a sheet with columns 期次, 到期日, 本金（元）, 利息（元）. */
export async function importScheduleSheet(tx: Db, actor: Actor, id: string, body: unknown, at: Date): Promise<{ ok: boolean; errors: { row: number; field: string; message: string }[]; lines: number; debt: DebtDetailView | null }> {
  await getDebt(tx, actor, id, at);
  const sheet = await readUploadedSheet(body, IMPORTED_SCHEDULE_LINES_MAX);
  const col = columnsOf(sheet.header, SCHEDULE_COLUMNS);
  const rows = sheet.rows.map(({ row, cells }) => ({ row, period: cells[col.period] ?? "", dueDate: cells[col.dueDate] ?? "", principal: cells[col.principal] ?? "", interest: cells[col.interest] ?? "" }));
  const result = await importSchedule(tx, actor, id, rows, at);
  return result.ok ? { ok: true, errors: [], lines: rows.length, debt: result.debt } : { ok: false, errors: result.errors, lines: 0, debt: null };
}

/** A debt's current schedule with each line's state, as a workbook (the same columns the import reads). */
export async function scheduleWorkbook(db: Db, actor: Actor, id: string, now: Date): Promise<{ fileName: string; bytes: Buffer }> {
  const d = await getDebt(db, actor, id, now);
  const header = ["期次", "到期日", "本金（元）", "利息（元）", "本息合计（元）", "剩余本金（元）", "已还本金（元）", "已付利息（元）", "状态"];
  const rows = d.schedule.map((l) => [String(l.period), l.dueDate, l.principal, l.interest, l.payment, l.balance, l.paidPrincipal, l.paidInterest, l.statusName]);
  return { fileName: `还本付息计划-${d.debtNo}.xlsx`, bytes: await workbookOf("还本付息计划", header, rows, [6, 12, 14, 14, 14, 14, 14, 14, 10]) };
}

export const PARK_LOAN_EXPORT_HEADER = ["贷款编号", "合作银行", "企业名称", "统一社会信用代码", "园区", "贷款金额（元）", "放款日期", "期限（月）", "到期日", "年利率（%）", "状态", "已还本金（元）", "未还本金（元）", "风险补偿金代偿（元）", "代偿后追回（元）", "已过到期日未还清"] as const;

/** 财园信贷通's loan register as a workbook, with the list's filters. */
export async function parkLoansWorkbook(db: Db, actor: Actor, filter: LoanFilter, now: Date): Promise<Buffer> {
  const loans = await rowsForExport(db, (tx, page) => listLoans(tx, actor, filter, page, now));
  const rows = loans.map((l) => [l.loanNo, l.bankName, l.enterpriseName, l.creditCode, l.parkName, l.amount, l.startDate, l.termMonths, l.dueDate, l.annualRate, l.statusName, l.repaid, l.unpaid, l.compensated, l.returnedToFund, l.pastDue ? "是" : "否"]);
  return workbookOf("财园信贷通贷款台账", PARK_LOAN_EXPORT_HEADER, rows, [18, 20, 28, 22, 16, 14, 11, 8, 11, 10, 8, 14, 14, 16, 14, 10]);
}
