// Request schemas and answer types of the final accounts (决算): a township's 乡镇财政总决算 for a
// fiscal year (tables of cells, audit formulas between cells, 决算说明), the 部门决算 of its budget
// units, the report up to the district, and what is published to residents.
import { z } from "zod";
import { regionCodeSchema } from "./common.ts";

export const finalYearSchema = z.coerce.number().int("年度须为整数").min(2000, "年度须在 2000-2100 之间").max(2100, "年度须在 2000-2100 之间");

export const finalAccountParams = z.strictObject({ regionCode: regionCodeSchema, year: finalYearSchema });
export const finalAccountTableParams = z.strictObject({ regionCode: regionCodeSchema, year: finalYearSchema, table: z.string().regex(/^[a-z0-9-]{2,40}$/, "表代码无效") });
export const finalAccountNoteBody = z.strictObject({ text: z.string().trim().min(10, "决算说明至少 10 个字").max(20_000, "决算说明不超过 20000 字") });
export const districtFinalQuery = z.strictObject({ year: finalYearSchema });
export const publishBody = z.strictObject({ kind: z.enum(["budget", "finalAccount"]), regionCode: regionCodeSchema, year: finalYearSchema });
export const publicDocumentsQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });
export const publicDocumentParams = z.strictObject({ id: z.string().uuid("文档编号无效") });

/** A cell of a final-account table a formula reads: the table, the row's key and the column's index in values. */
export interface FinalCellRef {
  table: string;
  row: string;
  column: number;
}

export interface FinalTableRowView {
  key: string;
  label: string;
  /** 0 a heading or total, 1 类, 2 款, 3 项. */
  level: number;
  total?: boolean;
  /** The keys of the rows this row totals (an audit formula checks it). */
  sumOf?: string[];
  /** Yuan strings ("1234.56"); null where the cell is blank. */
  values: (string | null)[];
}

export interface FinalTableView {
  code: string;
  title: string;
  /** Column headings after the row label. */
  columns: string[];
  rows: FinalTableRowView[];
  /** Where the table's figures come from, said once. */
  source: string;
}

export interface FinalFormulaResultView {
  code: string;
  name: string;
  passed: boolean;
  /** Both sides as yuan strings. */
  left: string;
  right: string;
  /** Chinese, naming tables, rows and both amounts when it fails. */
  message: string;
  level: "error" | "warning";
  /** The cells the formula reads (the web links failing ones). */
  cells: FinalCellRef[];
}

export interface FinalAccountTotalsView {
  /** 本年收入合计 (本级收入, 上级补助收入, 调入资金 and other budget revenue of the year), 决算数. */
  revenue: string;
  /** 本年支出合计 (本级支出, 上解支出, 调出资金 and other budget expenditure of the year), 决算数. */
  expenditure: string;
}

export interface UnitFinalAccountView {
  budgetUnitId: string;
  unitName: string;
  setCode: string;
  tables: FinalTableView[];
  results: FinalFormulaResultView[];
}

export interface FinalAccountView {
  regionCode: string;
  regionName: string;
  year: number;
  tables: FinalTableView[];
  units: UnitFinalAccountView[];
  results: FinalFormulaResultView[];
  passed: boolean;
  /** What submission would say: failing formulas, missing books, a missing 说明. */
  problems: { level: "error" | "warning"; code: string; message: string }[];
  totals: FinalAccountTotalsView;
  note: { text: string; updatedByName: string | null; updatedAt: string | null };
  /** Whether the township keeps fiscal general books covering the year. */
  hasBooks: boolean;
  /** The report up (null before the first preparation). */
  report: { id: string; status: "prepared" | "submitted" | "accepted"; statusName: string; version: number; deadlineAt: string; returnNote: string | null; flowInstanceId: string | null; actions: string[] } | null;
  builtAt: string;
}

export interface FinalCheckJson {
  passed: boolean;
  failures: { rule: string; message: string }[];
  totals: FinalAccountTotalsView;
}

export interface DistrictFinalRowView {
  regionCode: string;
  regionName: string;
  status: string;
  statusName: string;
  revenue: string | null;
  expenditure: string | null;
  reportId: string | null;
  overdue: boolean;
}

export interface DistrictFinalView {
  year: number;
  deadlineAt: string;
  rows: DistrictFinalRowView[];
  /** The consolidation of the accepted townships, transfers between district and townships taken out. */
  consolidated: { tables: FinalTableView[]; townships: number; eliminated: { transfersFromDistrict: string; remittancesToDistrict: string } } | null;
}

export interface PublicDocumentView {
  id: string;
  regionCode: string;
  regionName: string;
  kind: "budget" | "finalAccount";
  kindName: string;
  year: number;
  title: string;
  approvedAt: string;
  publishedAt: string;
  /** Whether it went out within the 20 days the budget law gives (预算法第十四条). */
  onTime: boolean;
  tables: FinalTableView[];
  note: string;
}

export const publicDocumentKindNames: Record<PublicDocumentView["kind"], string> = { budget: "预算", finalAccount: "决算" };
