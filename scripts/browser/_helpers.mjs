// What the browser flows share (files starting with "_" are not flows): a button found by its name
// as Ant Design spaces two-character labels, an option chosen in an Ant Design select, an Excel file
// downloaded by a button and read back, and valid unified social credit codes for test records.
import ExcelJS from "exceljs";

/** A button by its text, matched with or without the spaces Ant Design puts between two characters. */
export const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });

/**
 * Chooses an option in an Ant Design select (found by the text it shows, or by its index in `scope`)
 * and checks the select took it: a click landing while the dropdown still opens or closes is tried
 * again rather than leaving the form with its old value.
 */
export async function choose(page, scope, placeholderOrIndex, option) {
  const selects = scope.locator(".ant-select");
  // Found by its position, so that it is still found once it shows the option instead of the placeholder.
  let index = placeholderOrIndex;
  if (typeof placeholderOrIndex !== "number") {
    await scope.locator(".ant-select", { hasText: placeholderOrIndex }).first().waitFor({ timeout: 30_000 });
    index = (await selects.allInnerTexts()).findIndex((text) => text.includes(placeholderOrIndex));
  }
  const select = selects.nth(index);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const item = page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first();
    await item.waitFor({ timeout: 30_000 });
    // A re-render of the form (its data arriving late) can close the list under the pointer: open it again.
    const clicked = await item.click({ timeout: 5_000 }).then(() => true, () => false);
    await page.locator(".ant-select-dropdown:visible").first().waitFor({ state: "hidden", timeout: 5_000 }).catch(() => undefined);
    if (clicked && (await select.innerText()).includes(option)) return;
    if (attempt === 3) throw new Error(`选择框没有选中“${option}”：${await select.innerText()}`);
  }
}

/**
 * Clicks the button named `label` in `scope` (a page or a part of it) — and then the item of its
 * dropdown menu matching `menuItem`, when given — waits for the file it downloads and reads its first sheet: the file's name and its rows, each cell as written (amounts stay numbers).
 */
export async function downloadedSheet(page, scope, label = "导出 Excel", menuItem = null) {
  const downloading = page.waitForEvent("download");
  await button(scope, label).click();
  if (menuItem) await page.getByRole("menuitem", { name: menuItem }).click();
  const file = await downloading;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  const rows = [];
  // A blank cell (left out by the server's streaming writer) reads as "".
  book.worksheets[0].eachRow((r) => rows.push(Array.from(r.values.slice(1), (v) => v ?? "")));
  return { name: file.suggestedFilename(), rows };
}

/** A valid unified social credit code (GB 32100-2015 check character). */
export function creditCode(first17) {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

/** The 10th of the month `n` months before a date (YYYY-MM-DD): a day every month has. */
export function monthsBefore(date, n) {
  const d = new Date(`${date.slice(0, 7)}-10T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
}

/** Today in China (YYYY-MM-DD), the day the server's business dates use, whatever this machine's zone. */
export function chinaToday(now = Date.now()) {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
