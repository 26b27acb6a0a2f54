// Amounts in the Excel files people download, in the one money format: numbers (so the spreadsheet
// sums them) shown as 1,983,900.00. The services write the API's exact yuan strings; this turns them
// into numbers at the last step: two decimals up to 13 integer digits are exact in a double.
import type ExcelJS from "exceljs";

/** Excel's number format for amounts: thousands separators, two decimals. */
export const MONEY_NUMBER_FORMAT = "#,##0.00";

const AMOUNT = /^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;

/** A yuan string as an amount cell's value; anything else (a dash, a note, empty) stays as it is. */
export function moneyCellValue<T>(value: T): T | number {
  return typeof value === "string" && AMOUNT.test(value) ? Number(value) : value;
}

/** Makes a cell an amount: a yuan string becomes a number, shown in the money format, right-aligned. */
export function formatMoneyCell(cell: ExcelJS.Cell): void {
  cell.value = moneyCellValue(cell.value);
  cell.numFmt = MONEY_NUMBER_FORMAT;
  cell.alignment = { ...cell.alignment, horizontal: "right" };
}

/**
 * Makes the given columns (1-based) of every row below `headerRow` amounts: yuan strings become
 * numbers and every cell of the column gets the money format, totals and subtotals included.
 */
export function formatMoneyColumns(sheet: ExcelJS.Worksheet, headerRow: number, columns: readonly number[]): void {
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    for (const column of columns) formatMoneyCell(row.getCell(column));
  });
}
