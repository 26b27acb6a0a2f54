// The township's fiscal general accounting (财政总会计) as 青禾镇's budget accountant (李秀英, budget)
// keeps it: imports the treasury's daily revenue report from Excel — first a file with bad rows,
// each named and nothing recorded, then a good one; records a remittance up (上解) and exports the
// year's remittances to Excel; sees both post themselves into the fiscal set QH-ZKJ; reads its statements (balance sheet, 一般公共预算执行情况表
// against the approved budget) and exports one to Excel; and sees this year's balanced revenue side
// of the budget. The director then reads the same books. Uses the first day of the current month,
// which no demo report and no other flow uses.
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { downloadedSheet } from "./_helpers.mjs";

export const title = "财政总会计：国库收入日报导入、上解、自动记账、财政总会计报表";

const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const firstOfMonth = `${today.slice(0, 8)}01`;
const year = today.slice(0, 4);

async function workbook(rows) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("国库收入日报");
  sheet.addRow(["收入分类编码", "收入分类名称", "金额（元）"]);
  for (const r of rows) sheet.addRow(r);
  const file = join(mkdtempSync(join(tmpdir(), "xc-revenue-")), "国库收入日报.xlsx");
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

async function importReport(page, file) {
  await button(page, "导入日报").click();
  const dialog = page.getByRole("dialog");
  await dialog.locator(".ant-picker input").fill(firstOfMonth);
  await dialog.locator(".ant-picker input").press("Enter");
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await button(dialog, "导入").click();
  return dialog;
}

export async function run({ context, base, check, shots, login }) {
  const page = await login("budget");
  await page.goto(`${base}/treasury/revenue-reports`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  let body = await page.locator("body").innerText();
  check("国库收入日报列出本年的日报并有按月图表", body.includes("各月入库收入") && (await page.locator("canvas").count()) > 0, body.slice(0, 300));

  // ---- a file with bad rows: each named, nothing recorded
  const before = await page.locator("tr.ant-table-row").count();
  const bad = await importReport(page, await workbook([["1010101", "国内增值税", 5000], ["11002", "一般性转移支付收入", 100], ["10398", "不存在的科目", 20], ["10304", "行政事业性收费收入", 0]]));
  await dialog(page).getByText("未登记任何收入").waitFor({ timeout: 60_000 });
  body = await bad.innerText();
  check("导入有错的日报：逐行指出错误，未登记任何收入", body.includes("第 3 行") && body.includes("第 4 行") && body.includes("第 5 行") && !body.includes("第 2 行"), body.slice(0, 500));
  await page.screenshot({ path: `${shots}/fiscal-01-import-errors.png`, fullPage: true });
  await button(bad, "取消").click();
  await bad.waitFor({ state: "hidden" });

  // ---- a good file
  const good = await importReport(page, await workbook([["1010101", "国内增值税", 5000.5], ["10119", "契税", -300], ["10304", "行政事业性收费收入", "820.00"]]));
  await good.waitFor({ state: "hidden", timeout: 60_000 });
  await page.locator("tr.ant-table-row", { hasText: firstOfMonth }).first().waitFor({ timeout: 60_000 });
  check("导入正确的日报后列表多了一份，合计 5,520.50", (await page.locator("tr.ant-table-row", { hasText: firstOfMonth }).innerText()).includes("5,520.50") && (await page.locator("tr.ant-table-row").count()) >= Math.min(before + 1, 20));
  await page.locator("tr.ant-table-row", { hasText: firstOfMonth }).first().click();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByText("契税").waitFor();
  check("日报明细列出收入科目和退库（负数）", (await drawer.innerText()).includes("-300.00"));
  await page.screenshot({ path: `${shots}/fiscal-02-report.png`, fullPage: true });
  await page.keyboard.press("Escape");

  // ---- a remittance up
  await page.goto(`${base}/budget/remittances`);
  await button(page, "登记上解").click();
  const remit = page.getByRole("dialog");
  await remit.getByLabel("文号").fill(`青财预〔${year}〕88号（浏览器测试）`);
  await remit.locator(".ant-select").nth(0).click();
  await page.locator(".ant-select-item-option", { hasText: "专项上解" }).click();
  await remit.getByLabel("金额（元）").fill("12345.60");
  await remit.locator(".ant-picker input").fill(firstOfMonth);
  await remit.locator(".ant-picker input").press("Enter");
  await button(remit, "登记").click();
  await remit.waitFor({ state: "hidden", timeout: 60_000 });
  await page.locator("tr.ant-table-row", { hasText: "88号" }).waitFor({ timeout: 60_000 });
  check("登记上解后列表显示文号、专项上解和金额", (await page.locator("tr.ant-table-row", { hasText: "88号" }).innerText()).includes("12,345.60"));

  // ---- the year's remittances exported to Excel: this one among them, named in Chinese, its amount a number
  const remitFile = await downloadedSheet(page, page);
  await page.screenshot({ path: `${shots}/fiscal-02b-remittances.png` });
  const [remitHeader = [], ...remitRows] = remitFile.rows;
  const remitted = remitRows.find((r) => String(r[remitHeader.indexOf("文号")]).includes("88号（浏览器测试）")) ?? [];
  check(
    "上解导出 Excel：本年度各笔上解，含本笔专项上解，金额为数字",
    remitFile.name === "上解台账.xlsx" && remitRows.every((r) => r[0] === "青禾镇" && r[1] === Number(year)) && remitted[remitHeader.indexOf("类型")] === "专项上解" && remitted[remitHeader.indexOf("金额（元）")] === 12345.6,
    `${remitFile.name} ${remitFile.rows.slice(0, 3).map((r) => r.join("|")).join(" / ")}`,
  );

  // ---- both posted themselves in the fiscal set (the outbox worker runs every second)
  await page.goto(`${base}/ledger/reports`);
  await page.locator(".ant-select").filter({ hasText: /QH-/ }).first().click();
  await page.locator(".ant-select-item-option", { hasText: "QH-ZKJ" }).click();
  await page.getByRole("tab", { name: "资产负债表" }).waitFor({ timeout: 60_000 });
  const tabs = await page.locator(".ant-tabs-tab").allInnerTexts();
  check("财政总会计账套显示财政总会计制度报表（无现金日记账）", tabs.some((t) => t.includes("一般公共预算执行情况表")) && !tabs.some((t) => t.includes("现金日记账")), tabs.join(" "));
  await page.getByRole("tab", { name: "资产负债表" }).click();
  await page.getByText("负债和净资产总计").waitFor({ timeout: 60_000 });
  const rowText = async (label) => (await page.locator("tr", { hasText: label }).first().innerText()).split("\t").slice(1).join(" ");
  check("资产负债表：资产总计等于负债和净资产总计", (await rowText("资产总计")) === (await rowText("负债和净资产总计")), `${await rowText("资产总计")} | ${await rowText("负债和净资产总计")}`);
  await page.getByRole("tab", { name: "一般公共预算执行情况表" }).click();
  await page.getByText("一、本级收入").waitFor({ timeout: 60_000 });
  body = await page.locator(".ant-table").innerText();
  check("一般公共预算执行情况表有预算数、执行数、执行率和税收收入、功能分类行", body.includes("预算数") && body.includes("执行率") && body.includes("101 税收收入") && body.includes("二、上级补助收入") && body.includes("201 一般公共服务支出"), body.slice(0, 400));
  await page.screenshot({ path: `${shots}/fiscal-03-execution.png`, fullPage: true });
  const [excel] = await Promise.all([page.waitForEvent("download"), button(page, "导出 Excel").click()]);
  check("执行情况表导出 Excel", (await excel.suggestedFilename()).includes("一般公共预算执行情况表"), await excel.suggestedFilename());

  await page.goto(`${base}/ledger/vouchers`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  let posted = false;
  for (let i = 0; i < 20 && !posted; i++) {
    await page.goto(`${base}/ledger/vouchers?q=${encodeURIComponent("88号")}`);
    await page.waitForTimeout(1_000);
    posted = (await page.locator("tr.ant-table-row", { hasText: "专项上解" }).count()) > 0;
  }
  check("上解已自动记入财政总会计账（已记账凭证）", posted);
  await page.screenshot({ path: `${shots}/fiscal-04-vouchers.png`, fullPage: true });

  // ---- this year's budget has both sides, balanced
  // The page opens on the round in progress (next year's draft): pick this year's approved one.
  await page.goto(`${base}/budget/rounds`);
  await page.getByText("申报明细").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  await page.locator(".ant-select").filter({ hasText: "年度" }).first().click();
  await page.locator(".ant-select-item-option").filter({ hasText: `${year}年度` }).click();
  await page.getByText("已经人大批准").first().waitFor({ timeout: 60_000 });
  const revenueCard = page.locator(".ant-card").filter({ hasText: "收入预算" }).first();
  await revenueCard.getByText("收支平衡：").waitFor({ timeout: 60_000 });
  body = await revenueCard.innerText();
  check("本年度预算的收入预算与支出平衡，列出税收、非税、上级补助和上解", body.includes("税收收入") && body.includes("非税收入") && body.includes("上级补助收入") && body.includes("上解上级支出"), body.slice(0, 300));
  await page.screenshot({ path: `${shots}/fiscal-05-revenue-budget.png`, fullPage: true });

  // ---- the director reads the same books
  await context.clearCookies();
  const director = await login("director");
  await director.goto(`${base}/ledger/reports?report=fiscal-revenue-expense`);
  await director.locator(".ant-select").filter({ hasText: /QH-/ }).first().click();
  await director.locator(".ant-select-item-option", { hasText: "QH-ZKJ" }).click();
  await director.getByText("三、本期盈余").waitFor({ timeout: 60_000 });
  check("所长可查看财政总会计收入费用表", (await director.locator(".ant-table").innerText()).includes("税收收入"));
}

const dialog = (page) => page.getByRole("dialog");
