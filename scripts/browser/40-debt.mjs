// Government debt as 青禾镇's finance office would work it: the budget accountant registers a bank loan
// (its schedule previewed by the rules, then saved), sees its first quarter overdue in red, repays that
// line through a treasury payment; the unit accountant and the director review the payment, the cashier
// sends it to the bank and imports the bank's result; then the register shows the line repaid and the
// balance down, the ledger holds the repayment voucher (liability and interest apart), and the ratio
// page shows its colour and charts. The district supervisor sees every township ranked and the monthly
// report's one page with a report waiting for review.
import { button, creditCode, monthsBefore } from "./_helpers.mjs";

export const title = "政府债务：登记借款、按规则生成计划、通过国库支付还款、台账指标账务一致、全区排名与月报";

const LOAN = "浏览器测试村道贷款";
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function approve(page, base, paymentNo, label) {
  await page.goto(`${base}/treasury/payments?q=${encodeURIComponent(paymentNo)}`);
  const row = page.locator("tr.ant-table-row", { hasText: paymentNo });
  await row.waitFor({ timeout: 60_000 });
  await button(row, "审核流程").click();
  const drawer = page.locator(".ant-drawer");
  await button(drawer, label).first().click();
  const dialog = page.getByRole("dialog").filter({ hasText: label }).last();
  await button(dialog, `确认${label}`).click();
  await page.waitForTimeout(1_200);
}

/** The year's 政府债务还本 indicator as the indicator page shows it: in transit, paid and available (yuan). */
async function repaymentIndicator(page, base) {
  await page.goto(`${base}/budget/indicators?q=${encodeURIComponent("政府债务还本")}&fiscalYear=${today.slice(0, 4)}`);
  const row = page.locator("tr.ant-table-row").first();
  await row.waitFor({ timeout: 60_000 });
  const headers = (await page.locator(".ant-table-thead th").allInnerTexts()).map((h) => h.trim());
  const cells = await row.locator("td").allInnerTexts();
  const value = (name) => Number((cells[headers.indexOf(name)] ?? "").replaceAll(",", ""));
  return { reserved: value("在途"), paid: value("已支付"), available: value("可用") };
}

export async function run({ context, base, check, shots, login }) {
  // Start four months back, quarterly: the first quarter is past due when registered.
  const start = monthsBefore(today, 4);
  const budget = await login("budget");
  const indicatorBefore = await repaymentIndicator(budget, base);
  await budget.goto(`${base}/debt/debts`);
  await button(budget, "登记债务").click();
  const form = budget.getByRole("dialog", { name: "登记债务" });
  await form.getByText("银行及其他借款").click();
  await form.getByLabel("债务名称").fill(LOAN);
  await form.getByLabel("合同编号").fill("青农商借字浏览器001");
  await form.getByLabel("债权人", { exact: true }).fill("江苏青禾农村商业银行");
  await form.getByLabel("债权人统一社会信用代码").fill(creditCode("91329901MA0040001"));
  await form.getByLabel("本金（元）").fill("600000");
  await form.getByLabel("起始（提款）日").fill(start);
  await form.getByLabel("起始（提款）日").press("Enter");
  await form.getByLabel("年利率（%）").fill("4.2");
  await button(form, "按规则预览计划").click();
  await form.locator(".ant-table-row").first().waitFor({ timeout: 30_000 });
  const preview = await form.locator(".ant-table").innerText();
  // 600,000 in 8 quarters by equal principal: 75,000 a quarter; first interest 600,000 × 4.2% / 4 = 6,300.
  check("登记时按规则预览还本付息计划", preview.includes("75,000.00") && preview.includes("6,300.00"), preview.slice(0, 300));
  await budget.screenshot({ path: `${shots}/debt-01-register.png` });
  await button(form, "登记").click();
  await form.waitFor({ state: "hidden", timeout: 30_000 });

  await budget.goto(`${base}/debt/debts?q=${encodeURIComponent(LOAN)}`);
  const row = budget.locator("tr.ant-table-row", { hasText: LOAN });
  await row.waitFor({ timeout: 60_000 });
  check("台账列出新借款，第一期已逾期", (await row.innerText()).includes("600,000.00") && (await row.innerText()).includes("1 期"), await row.innerText());
  await budget.screenshot({ path: `${shots}/debt-02-register-list.png`, fullPage: true });
  await row.getByRole("link", { name: LOAN }).click();
  await budget.waitForURL(/\/debt\/debts\/[0-9a-f-]{36}$/);
  const debtUrl = budget.url();
  const first = budget.locator("tr.ant-table-row").filter({ hasText: "逾期未还" }).first();
  await first.waitFor({ timeout: 60_000 });
  check("逾期的计划行标红", (await first.getAttribute("class"))?.includes("xc-row-overdue") === true);
  await budget.screenshot({ path: `${shots}/debt-03-schedule-overdue.png`, fullPage: true });

  // Repay the first line through a treasury payment.
  await button(first, "还款").click();
  const repay = budget.getByRole("dialog").filter({ hasText: "第 1 期还款" });
  await repay.locator(".ant-select").first().click();
  await budget.keyboard.type("债务还本");
  const option = budget.locator(".ant-select-item-option", { hasText: "债务还本" }).first();
  await option.waitFor({ timeout: 60_000 });
  await option.click();
  await repay.getByLabel("收款账号").fill("3201000188000999001");
  await repay.getByLabel("开户银行").fill("江苏青禾农村商业银行营业部");
  await budget.screenshot({ path: `${shots}/debt-04-repay.png` });
  await button(repay, "提交国库支付").click();
  await repay.waitFor({ state: "hidden", timeout: 30_000 });
  await budget.goto(debtUrl);
  const paymentLink = budget.locator("a.xc-mono", { hasText: /^ZF/ }).first();
  await paymentLink.waitFor({ timeout: 60_000 });
  const paymentNo = (await paymentLink.innerText()).trim();
  const pending = await budget.locator("body").innerText();
  check("还款生成国库支付申请，计划行显示在途", pending.includes("在途") && pending.includes("待单位审核"), pending.slice(0, 400));

  await context.clearCookies();
  await approve(await login("unitacct"), base, paymentNo, "单位审核通过");
  await context.clearCookies();
  await approve(await login("director"), base, paymentNo, "财政审核通过，开具支付凭证");
  await context.clearCookies();
  const cashier = await login("cashier");
  await cashier.goto(`${base}/treasury/payments?q=${encodeURIComponent(paymentNo)}`);
  await cashier.locator("tr.ant-table-row", { hasText: paymentNo }).waitFor({ timeout: 60_000 });
  const orderRow = await cashier.locator("tr.ant-table-row", { hasText: paymentNo }).innerText();
  const amount = /([\d,]+\.\d{2})/.exec(orderRow)?.[1]?.replaceAll(",", "") ?? "";
  await cashier.goto(`${base}/treasury/bank`);
  await cashier.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const exported = cashier.waitForEvent("download");
  await button(cashier, "全部发送").click();
  const bankFile = (await (await exported).path());
  const { readFileSync } = await import("node:fs");
  const lines = readFileSync(bankFile, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  const ours = lines.find((l) => l[5] === amount);
  check("银行文件含还款支付凭证", ours !== undefined, `${amount} ${lines.map((l) => l[5]).join(" ")}`);
  await cashier.getByRole("tab", { name: "导入银行回盘" }).click();
  await cashier.locator("textarea").fill(`支付凭证号,结果,金额,原因\n${ours?.[1]},成功,${amount},`);
  await button(cashier, "导入").click();
  await cashier.getByText(/已支付 \d+ 笔/).waitFor({ timeout: 60_000 });

  // The register, the indicator and the ledger agree.
  await context.clearCookies();
  const after = await login("budget");
  await after.goto(debtUrl);
  await after.getByText("已还清").first().waitFor({ timeout: 60_000 });
  const detail = await after.locator("body").innerText();
  check("银行支付后计划行已还清，余额减少 75,000.00", detail.includes("已还清") && detail.includes("525,000.00"), detail.slice(0, 600));
  await after.screenshot({ path: `${shots}/debt-05-repaid.png`, fullPage: true });
  // The indicator paid the line: paid up and available down by the payment, nothing left in transit.
  const indicatorAfter = await repaymentIndicator(after, base);
  const paidYuan = Number(amount);
  check(
    "偿债指标已支付增加、可用减少，金额等于还款支付",
    Math.abs(indicatorAfter.paid - indicatorBefore.paid - paidYuan) < 0.005 && Math.abs(indicatorBefore.available - indicatorAfter.available - paidYuan) < 0.005 && indicatorAfter.reserved === indicatorBefore.reserved,
    `${JSON.stringify(indicatorBefore)} → ${JSON.stringify(indicatorAfter)}，支付 ${amount}`,
  );
  await after.screenshot({ path: `${shots}/debt-05b-indicator.png`, fullPage: true });
  let voucherFound = false;
  for (let i = 0; i < 20 && !voucherFound; i++) {
    await after.goto(`${base}/ledger/vouchers?q=${encodeURIComponent("偿还债务本息")}`);
    await after.waitForTimeout(1_500);
    voucherFound = (await after.locator("body").innerText()).includes(LOAN.slice(0, 6));
  }
  check("账务自动生成还款凭证（本金冲减负债、利息计入费用）", voucherFound);
  await after.screenshot({ path: `${shots}/debt-06-ledger.png`, fullPage: true });
  await after.goto(`${base}/debt/indicators`);
  await after.locator("[data-testid=ratio-card]").waitFor({ timeout: 60_000 });
  await after.waitForTimeout(1_500);
  const card = await after.locator("[data-testid=ratio-card]").innerText();
  check("债务率卡片显示预警颜色", /(绿色|黄色预警|橙色预警|红色预警)/.test(card) && card.includes("%"), card);
  check("到期结构图已绘制", (await after.locator("canvas").count()) >= 2);
  await after.screenshot({ path: `${shots}/debt-07-ratio.png`, fullPage: true });

  // The district sees every township ranked, and the monthly report's one page.
  await context.clearCookies();
  const supervisor = await login("supervisor");
  await supervisor.goto(`${base}/debt/district`);
  await supervisor.locator("tr.ant-table-row").nth(13).waitFor({ timeout: 60_000 });
  const ranking = await supervisor.locator(".ant-table").innerText();
  check("全区债务排名列出 14 个乡镇和全区合计", (await supervisor.locator("tr.ant-table-row").count()) === 14 && ranking.includes("全区合计") && ranking.includes("橙色预警"), ranking.slice(0, 400));
  await supervisor.screenshot({ path: `${shots}/debt-08-district.png`, fullPage: true });
  await supervisor.goto(`${base}/debt/monthly-reports/status`);
  await supervisor.locator("tr.ant-table-row").nth(13).waitFor({ timeout: 60_000 });
  const status = await supervisor.locator("body").innerText();
  check("债务月报上报情况一页列出各乡镇", status.includes("全区上报情况") && status.includes("青禾镇"), status.slice(0, 400));
  await supervisor.screenshot({ path: `${shots}/debt-09-report-status.png`, fullPage: true });
}
