// The government accounting ledger as 青禾镇's unit accountant (张伟, unitacct) would use it on the
// demo set QH-01 (青禾镇人民政府): enter a voucher from a server-side template, have it reviewed by
// the budget accountant (李秀英), post it, print it (amount in capitals, preparer, reviewer and
// poster), reverse it in red ink; the budget accountant reviews and posts what is pending in the
// month and closes it; then the trial balance and the balance sheet, and a book exported to Excel;
// the director reopens the month with a reason, because later flows (debt repayment) post
// their system vouchers into QH-01's current month; bank reconciliation; last the budget accountant
// looks up 6001's 明细 on 会计科目, previews 补齐标准明细 and adds a 明细 under an unused leaf.
export const title = "会计核算：模板录入、审核、记账、冲销、结账、账表与导出、银行对账、会计科目";
import { chinaToday, downloadedSheet } from "./_helpers.mjs";

const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });
const SUMMARY = "浏览器测试：零余额账户支付办公费";

async function openVouchers(page, base) {
  await page.goto(`${base}/ledger/vouchers`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
}

/** Reviews (where allowed) and posts every voucher waiting in the list, as the signed-in user. */
async function reviewAndPostAll(page, base) {
  await openVouchers(page, base);
  for (const action of ["审核", "记账"]) {
    for (let i = 0; i < 10; i++) {
      const candidates = page.locator("tr.ant-table-row").getByRole("button", { name: new RegExp(`^${action.split("").join("\\s*")}$`) });
      const count = await candidates.count();
      let clicked = false;
      for (let j = 0; j < count; j++) {
        if (await candidates.nth(j).isEnabled()) {
          await candidates.nth(j).click();
          await page.waitForTimeout(900);
          clicked = true;
          break;
        }
      }
      if (!clicked) break;
    }
  }
}

export async function run({ context, base, check, shots, login }) {
  // One session at a time in the context: switching user signs the other out.
  const as = async (username) => {
    await context.clearCookies();
    return login(username);
  };
  // ---- the unit accountant enters a voucher from a template
  let acct = await as("unitacct");
  await openVouchers(acct, base);
  await button(acct, "录入凭证").click();
  await acct.waitForURL(/\/ledger\/vouchers\/new/);
  const templateButton = button(acct, "零余额账户支付办公费");
  await templateButton.waitFor({ timeout: 60_000 });
  check("录入页从服务器载入凭证模板", (await acct.locator("body").innerText()).includes("授权支付额度到账"));
  await acct.getByLabel("模板金额").fill("360.00");
  await templateButton.click();
  // 功能分类 is a picker of code and name: search by code, pick the option.
  await acct.locator(".ant-select").filter({ hasText: "功能分类（必填）" }).first().click();
  await acct.keyboard.type("2010101");
  await acct.locator(".ant-select-item-option").filter({ hasText: "2010101" }).first().click();
  await acct.getByPlaceholder("如：支付11月办公用品费").fill(SUMMARY);
  await acct.waitForTimeout(300);
  let body = await acct.locator("body").innerText();
  check("模板带出四行分录，金额填满且两方各自平衡", (body.match(/360\.00 \/ 360\.00\s*借贷平衡/g) ?? []).length === 2 && body.includes("叁佰陆拾元整"), body.slice(0, 800));
  await acct.screenshot({ path: `${shots}/ledger-01-entry-from-template.png`, fullPage: true });
  await button(acct, "保存凭证").click();
  await acct.waitForURL(/\/ledger\/vouchers\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const voucherUrl = acct.url();
  await acct.locator(".ant-tag", { hasText: "待审核" }).first().waitFor({ timeout: 30_000 });
  check("保存后凭证待他人审核", true);

  // ---- another user reviews it
  let budget = await as("budget");
  await budget.goto(voucherUrl);
  await button(budget, "审核").click();
  await budget.locator(".ant-tag", { hasText: "待记账" }).first().waitFor({ timeout: 30_000 });
  check("总预算会计审核凭证", true);

  // ---- the unit accountant posts and prints it
  acct = await as("unitacct");
  await acct.goto(voucherUrl);
  await button(acct, "记账").click();
  await acct.locator(".ant-tag", { hasText: "已记账" }).first().waitFor({ timeout: 30_000 });
  await acct.waitForTimeout(500);
  body = await acct.locator("body").innerText();
  check("记账后凭证取得月内编号（记-）", /记-[0-9]{4}/.test(body), body.slice(0, 400));
  check("凭证显示大写金额", body.includes("叁佰陆拾元整"));
  check("凭证显示制单、审核、记账人姓名", body.includes("制单：张伟") && body.includes("审核：李秀英") && body.includes("记账：张伟"), body.slice(-300));
  await acct.evaluate(() => {
    window.__printed = false;
    window.print = () => {
      window.__printed = true;
    };
  });
  await button(acct, "打印凭证").click();
  check("点击打印凭证调用浏览器打印", await acct.evaluate(() => window.__printed === true));
  await acct.emulateMedia({ media: "print" });
  await acct.screenshot({ path: `${shots}/ledger-02-voucher-print.png`, fullPage: true });
  await acct.emulateMedia({ media: "screen" });

  // ---- and reverses it in red ink
  await openVouchers(acct, base);
  const row = acct.locator("tr.ant-table-row", { hasText: SUMMARY }).filter({ hasText: "记-" }).first();
  await button(row, "红字冲销").click();
  await button(acct.getByRole("dialog"), "生成红字凭证").click();
  await acct.getByText("已生成红字冲销凭证").first().waitFor({ timeout: 30_000 });
  await acct.waitForTimeout(800);
  body = await acct.locator("body").innerText();
  check("生成红字冲销凭证，待审核记账", body.includes("红字冲销") && body.includes(`冲销`), body.slice(0, 600));
  await acct.screenshot({ path: `${shots}/ledger-03-reversal.png`, fullPage: true });

  // ---- the budget accountant reviews and posts what is pending (the red voucher, the demo's) and closes the month
  budget = await as("budget");
  await reviewAndPostAll(budget, base);
  body = await budget.locator("body").innerText();
  const waiting = await budget.locator("tr.ant-table-row .ant-tag", { hasText: /待审核|待记账/ }).count();
  check("本月凭证全部审核记账", waiting === 0, `${waiting} 张未记账`);
  const journal = await downloadedSheet(budget, budget, "导出序时账", /月（按当前筛选）/);
  const summaryAt = journal.rows[0]?.indexOf("摘要") ?? -1;
  const journalLines = journal.rows.slice(1).filter((r) => r[summaryAt] === SUMMARY);
  check("导出本月序时账：浏览器录入的凭证按分录列出，借方为数字", /QH-01-[0-9]{4}年[0-9]{1,2}月序时账\.xlsx$/.test(journal.name) && journalLines.length === 4 && journalLines.some((r) => r.includes(360)), `${journal.name} ${JSON.stringify(journal.rows.slice(0, 3))}`);
  await budget.goto(`${base}/ledger/periods`);
  await budget.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await budget.waitForTimeout(500);
  const openRow = budget.locator("tr.ant-table-row", { hasText: "未结账" }).first();
  const month = (await openRow.locator("td").first().innerText()).trim();
  await button(openRow, "结账").click();
  await budget.getByText(`${month}已结账`).first().waitFor({ timeout: 30_000 });
  check(`结账 ${month}`, true);
  await budget.screenshot({ path: `${shots}/ledger-04-month-closed.png`, fullPage: true });

  // ---- trial balance, balance sheet, Excel
  acct = await as("unitacct");
  await acct.goto(`${base}/ledger/reports?report=trial-balance`);
  await acct.getByText("科目余额表").first().waitFor({ timeout: 60_000 });
  await acct.locator("tr", { hasText: "合计" }).first().waitFor({ timeout: 60_000 });
  body = await acct.locator("body").innerText();
  check("科目余额表列出科目和合计", body.includes("1011") && body.includes("零余额账户用款额度") && body.includes("合计"), body.slice(0, 600));
  await acct.screenshot({ path: `${shots}/ledger-05-trial-balance.png`, fullPage: true });
  await acct.getByRole("tab", { name: "资产负债表" }).click();
  await acct.getByText("资产总计").first().waitFor({ timeout: 60_000 });
  body = await acct.locator("body").innerText();
  check("资产负债表显示资产总计与负债和净资产总计", body.includes("资产总计") && body.includes("负债和净资产总计"));
  await acct.screenshot({ path: `${shots}/ledger-06-balance-sheet.png`, fullPage: true });
  await acct.getByRole("tab", { name: "净资产变动表" }).click();
  await acct.getByText("五、本年年末余额").first().waitFor({ timeout: 60_000 });
  body = await acct.locator("body").innerText();
  check("净资产变动表按累计盈余、专用基金、权益法调整列示本年数与上年数", body.includes("（一）本年盈余") && body.includes("本年数·累计盈余") && body.includes("上年数·净资产合计"), body.slice(0, 600));
  await acct.getByRole("tab", { name: "预算结转结余变动表" }).click();
  await acct.getByText("3.归集上缴或调出").first().waitFor({ timeout: 60_000 });
  check("预算结转结余变动表按标准格式列示（年初余额调整、归集调入、归集上缴或调出）", (await acct.locator("body").innerText()).includes("2.归集调入"));
  await acct.getByRole("tab", { name: "财政拨款预算收入支出表" }).click();
  await acct.getByText("二、政府性基金预算财政拨款").first().waitFor({ timeout: 60_000 });
  body = await acct.locator("body").innerText();
  check("财政拨款预算收入支出表按一般公共预算/政府性基金 × 基本/项目支出列示，并说明资金来源的取数", body.includes("（二）项目支出") && body.includes("本年数·本年归集调入") && body.includes("按凭证所记科目明细划分"), body.slice(0, 600));
  check("现金流量表不在未选择编制的账套中显示", !(await acct.getByRole("tab", { name: "现金流量表" }).count()));
  await acct.getByRole("tab", { name: "科目余额表" }).click();
  await acct.waitForTimeout(500);
  const [download] = await Promise.all([acct.waitForEvent("download", { timeout: 60_000 }), button(acct, "导出 Excel").click()]);
  const name = download.suggestedFilename();
  const path = `${shots}/ledger-07-${name.replace(/[^A-Za-z0-9._-]/g, "_")}`;
  await download.saveAs(path);
  const { statSync } = await import("node:fs");
  check("导出 Excel 下载 .xlsx 文件", name.endsWith(".xlsx") && statSync(path).size > 1000, `${name} ${statSync(path).size}`);

  // ---- the budget accountant chooses to prepare the 现金流量表 for the set, and opens it
  const closer = await as("budget");
  await closer.goto(`${base}/ledger/reports?report=trial-balance`);
  const cashSwitch = closer.getByRole("switch");
  await cashSwitch.waitFor({ timeout: 60_000 });
  if ((await cashSwitch.getAttribute("aria-checked")) !== "true") {
    await cashSwitch.click();
    await closer.getByText("已选择编制现金流量表").first().waitFor({ timeout: 30_000 });
  }
  await closer.getByRole("tab", { name: "现金流量表" }).click();
  await closer.getByText("五、现金净增加额").first().waitFor({ timeout: 60_000 });
  body = await closer.locator("body").innerText();
  check("选择编制后显示现金流量表（日常、投资、筹资活动）", body.includes("日常活动产生的现金流量净额") && body.includes("财政基本支出拨款收到的现金") && body.includes("上年金额"), body.slice(0, 600));
  await closer.screenshot({ path: `${shots}/ledger-08-cash-flow.png`, fullPage: true });

  // ---- the director reopens the month with a reason (the flows after this one post into it again)
  const director = await as("director");
  await director.goto(`${base}/ledger/periods`);
  await director.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const closedRow = director.locator("tr.ant-table-row", { hasText: month });
  await button(closedRow, "反结账").click();
  const dialog = director.getByRole("dialog");
  await dialog.locator("textarea").fill("补记本月漏记的还款凭证");
  await button(dialog, "反结账").click();
  await director.getByText(`${month}已反结账`).first().waitFor({ timeout: 30_000 });
  await director.waitForTimeout(500);
  const reopened = await closedRow.innerText();
  check(`所长写明原因后反结账 ${month}，该月重新开放`, reopened.includes("未结账"), reopened);

  // ---- bank reconciliation: the unit accountant imports a one-line statement made here (bank interest
  // the books have not recorded) and sees it as 银行已收、单位未收 in the 银行存款余额调节表
  acct = await as("unitacct");
  await acct.goto(`${base}/ledger/bank`);
  await acct.getByText("银行存款余额调节表").first().waitFor({ timeout: 60_000 });
  const today = chinaToday();
  const csvPath = `${shots}/ledger-bank-statement.csv`;
  const { writeFileSync } = await import("node:fs");
  writeFileSync(csvPath, `日期,摘要,收入/借方,支出/贷方,余额,流水号\r\n${today},浏览器测试利息,0.35,,0.35,BROWSER${today.replaceAll("-", "")}\r\n`);
  await button(acct, "导入对账单").click();
  await acct.getByRole("dialog").locator("input[type=file]").setInputFiles(csvPath);
  await acct.getByText(/已导入 [01] 行/).first().waitFor({ timeout: 60_000 });
  await acct.locator("tr", { hasText: "浏览器测试利息" }).first().waitFor({ timeout: 60_000 });
  body = await acct.locator("body").innerText();
  check("银行对账：导入对账单后调节表列出银行已收、单位未收的利息", body.includes("银行已收、单位未收") && body.includes("浏览器测试利息") && /调节(一致|不一致)/.test(body), body.slice(0, 800));
  await acct.screenshot({ path: `${shots}/ledger-08-bank-reconciliation.png`, fullPage: true });

  // ---- 会计科目: the budget accountant finds 6001's 明细, previews 补齐标准明细 (the demo sets were
  // created with the full standard chart, so nothing is missing) and adds a 明细 under 1021, a leaf
  // with no entries
  budget = await as("budget");
  await budget.goto(`${base}/ledger/accounts`);
  await budget.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const search = budget.getByPlaceholder("科目编码或名称");
  await search.fill("6001");
  await budget.locator("tr.ant-table-row", { hasText: "60010102" }).first().waitFor({ timeout: 30_000 });
  body = await budget.locator("body").innerText();
  check("会计科目按编码搜索 6001，树中列出 600101 一般公共预算财政拨款及其 60010102 项目支出", body.includes("一般公共预算财政拨款") && /60010102\s+项目支出/.test(body) && !body.includes("库存现金"), body.slice(0, 800));
  await budget.screenshot({ path: `${shots}/ledger-09-accounts-search.png`, fullPage: true });
  await button(budget, "补齐标准明细").click();
  const completion = budget.getByRole("dialog");
  await completion.getByText(/已是完整的标准科目|将按内置标准科目表/).first().waitFor({ timeout: 30_000 });
  const preview = await completion.innerText();
  check("补齐标准明细先预览：演示账套 QH-01 已是完整的标准科目，无需补齐", preview.includes("本账套已是完整的标准科目"), preview.slice(0, 400));
  await budget.screenshot({ path: `${shots}/ledger-10-accounts-complete-preview.png`, fullPage: true });
  await button(completion.locator(".ant-modal-footer"), "关闭").click();
  await completion.waitFor({ state: "hidden", timeout: 30_000 });
  await search.fill("1021");
  const cashRow = budget.locator("tr.ant-table-row", { hasText: "其他货币资金" }).first();
  await cashRow.waitFor({ timeout: 30_000 });
  await button(cashRow, "增设明细").click();
  const addDialog = budget.getByRole("dialog");
  const proposed = await addDialog.getByLabel("科目编码").inputValue();
  check("增设明细弹窗带出上级科目和下一个可用编码", /^1021[0-9]{2}$/.test(proposed), proposed);
  await addDialog.getByLabel("科目名称").fill("浏览器测试保证金");
  await button(addDialog, "保存").click();
  await budget.getByText(`已增设明细科目 ${proposed} 浏览器测试保证金`).first().waitFor({ timeout: 30_000 });
  await budget.locator("tr.ant-table-row", { hasText: "浏览器测试保证金" }).first().waitFor({ timeout: 30_000 });
  body = await budget.locator("body").innerText();
  check(`通过弹窗在 1021 其他货币资金下增设明细 ${proposed}，树中显示为末级`, body.includes(proposed) && body.includes("浏览器测试保证金"), body.slice(0, 800));
  await budget.screenshot({ path: `${shots}/ledger-11-accounts-added.png`, fullPage: true });
}
