// Bank reconciliation (银行对账) of the unit ledger: request schemas and views shared by server and
// web. A statement is imported per account set and bank account (1002 or a 明细 of it), matched to
// the posted 1002 journal, and a month's 银行存款余额调节表 shown.
import { z } from "zod";
import { uuidSchema } from "./common.ts";

const bankAccount = z.string().regex(/^1002([0-9]{2}){0,4}$/, "银行账户应为 1002 或其明细科目");
const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, "月份应为 YYYY-MM");

export const ledgerBankQuery = z.strictObject({ account: bankAccount, month });
export const ledgerBankImportBody = z.strictObject({
  account: bankAccount,
  fileName: z.string().trim().max(200).optional(),
  /** The file, base64: an .xlsx workbook or a CSV text (UTF-8). */
  content: z.string().min(1, "文件为空").max(8_000_000),
});
export const ledgerBankMatchBody = z.strictObject({ statementLineId: uuidSchema, voucherId: uuidSchema, lineNo: z.number().int().min(1) });
export const ledgerBankUnmatchBody = z.strictObject({ statementLineId: uuidSchema });
export const ledgerBankAutoMatchBody = z.strictObject({ account: bankAccount, month });
export const ledgerBankBalanceBody = z.strictObject({
  account: bankAccount,
  month,
  balance: z.string().regex(/^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "余额应为元金额，如 1234.50"),
});

export interface BankStatementLineView {
  id: string;
  date: string;
  summary: string;
  /** Decimal yuan, "" when the line is the other direction. */
  income: string;
  expense: string;
  balance: string | null;
  reference: string;
  /** The book line it is paired with. */
  match: { voucherId: string; lineNo: number; manual: boolean } | null;
}

export interface BankBookLineView {
  voucherId: string;
  lineNo: number;
  voucherNumber: number | null;
  date: string;
  summary: string;
  debit: string;
  credit: string;
  match: { statementLineId: string; manual: boolean } | null;
}

export interface BankReconciliationView {
  setId: string;
  setName: string;
  account: string;
  accountName: string;
  month: string;
  /** The 1002 accounts the statement can be imported to (leaves: 1002 itself or its 明细). */
  accounts: { code: string; name: string }[];
  windowDays: number;
  /** Lines of the month (statement) and posted 1002 lines of the month, each with its pair. */
  statement: BankStatementLineView[];
  book: BankBookLineView[];
  /** Where the month-end balance came from: the file's last 余额, entered, or none yet. */
  bankBalanceSource: "file" | "entered" | "none";
  table: {
    bankBalance: string;
    bookReceived: string;
    bookPaid: string;
    adjustedBank: string;
    bookBalance: string;
    bankReceived: string;
    bankPaid: string;
    adjustedBook: string;
    agrees: boolean;
    /** The unmatched lines up to month end behind each adjustment (earlier months' outstanding too). */
    unmatchedStatement: BankStatementLineView[];
    unmatchedBook: BankBookLineView[];
  };
}

export interface BankImportResult {
  ok: boolean;
  imported: number;
  /** Rows already imported (same date, amount, 流水号): skipped, each named. */
  skipped: { message: string }[];
  matched: number;
  errors: { row: number; code: string; message: string }[];
}
