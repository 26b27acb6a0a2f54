// The registers (台账) and the park credit programme as a new user would try them. 青禾镇's budget
// accountant searches the demo's policy documents, tax sources and village basic data and reads a
// record's history. 白塔镇's accountant (a township no other flow writes registers in) imports the tax
// office's Excel export: a sheet with bad rows is refused with every row named and nothing saved, the
// corrected sheet goes in, the register exports to Excel, a second month's export replaces a figure and
// the history shows both. The district supervisor sees every township side by side, then runs the park
// credit programme: a bank of its own with a risk compensation fund, a loan granted within the fund's
// multiple, one refused beyond it with the reason, a repayment, and the figures with their charts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { button, choose, creditCode, downloadedSheet, monthsBefore } from "./_helpers.mjs";

export const title = "台账与财园信贷通：检索三类台账、导入税务数据（错行逐条指出）、导出、变更记录、全区一览、放大倍数内放款与超限拒绝、还款与统计";

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const TAXPAYER = "白塔镇浏览器测试农资有限公司";
const SHOP = "白塔镇浏览器测试便民超市";
const BANK = "浏览器测试村镇银行";

async function sheet(dir, name, header, rows) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("纳税数据");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

async function search(page, placeholder, text) {
  await page.getByPlaceholder(placeholder).fill(text);
  await button(page, "查询").click();
  await page.waitForTimeout(800);
}

export async function run({ context, base, check, shots, login }) {
  const dir = mkdtempSync(join(tmpdir(), "xiangcai-registers-"));

  // ---------------------------------------------------------------- 青禾镇: search the demo's registers
  const budget = await login("budget");
  await budget.goto(`${base}/registers/policy-documents`);
  await budget.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const expiring = await budget.locator(".ant-alert-warning").innerText();
  check("政策文件台账列出 30 天内失效的文件", expiring.includes("30 天内失效") && expiring.includes("支付管理办法"), expiring);
  await search(budget, "标题、主题、文号或发文机关", "债务");
  const policies = await budget.locator(".ant-table").innerText();
  check("按主题检索政策文件（“债务”）", policies.includes("关于加强乡镇政府债务管理的实施意见") && !policies.includes("农村公路养护"), policies.slice(0, 300));
  await budget.screenshot({ path: `${shots}/registers-01-policy-search.png`, fullPage: true });
  await button(budget.locator("tr.ant-table-row").first(), "记录").click();
  const policyHistory = budget.locator(".ant-drawer").filter({ hasText: "变更记录" });
  await policyHistory.getByText("登记").first().waitFor({ timeout: 30_000 });
  check("政策文件的变更记录列出登记人和时间", (await policyHistory.innerText()).includes("李秀英"));
  await policyHistory.locator(".ant-drawer-close").click();

  await budget.goto(`${base}/registers/tax-sources`);
  await budget.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await search(budget, "名称或统一社会信用代码", "宏达");
  const taxRows = budget.locator("tr.ant-table-row");
  check("按名称检索税源（“宏达”）", (await taxRows.count()) === 1 && (await taxRows.first().innerText()).includes("青禾县宏达农机制造有限公司"), await budget.locator(".ant-table").innerText());
  await taxRows.first().getByText("青禾县宏达农机制造有限公司").click();
  const drawer = budget.locator(".ant-drawer").filter({ hasText: "近12个月纳税" });
  await drawer.locator(".ant-table-row").first().waitFor({ timeout: 30_000 });
  await budget.waitForTimeout(600);
  const months = await drawer.innerText();
  check("税源详情按月分税种列出实缴税款", months.includes("增值税") && months.includes("企业所得税") && months.includes(`${year}-`), months.slice(0, 300));
  await budget.screenshot({ path: `${shots}/registers-02-tax-source.png`, fullPage: true });
  await drawer.locator(".ant-drawer-close").first().click();

  await budget.goto(`${base}/registers/tax-analysis`);
  await budget.getByText("青禾县宏达农机制造有限公司").first().waitFor({ timeout: 60_000 });
  await budget.locator(".ant-card", { hasText: "收入预计（按税源推算）" }).getByText("合计").first().waitFor({ timeout: 60_000 });
  const analysis = await budget.locator("body").innerText();
  check("收入预计按同期比较，本年未完时补足全年", analysis.includes("全年推算") && /合计\s+[\d,.]+\s+[\d,.]+\s+\+/.test(analysis), analysis.slice(analysis.indexOf("收入预计（按税源推算）"), analysis.indexOf("收入预计（按税源推算）") + 300));
  await budget.screenshot({ path: `${shots}/registers-03-tax-analysis.png`, fullPage: true });

  await budget.goto(`${base}/registers/basic-data`);
  await budget.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await choose(budget, budget.locator(".xc-filters"), "全部年度", `${year} 年`);
  await button(budget, "查询").click();
  await budget.waitForTimeout(800);
  const bases = await budget.locator(".ant-table").innerText();
  check("基础数据台账按年度列出各村人口和耕地面积", (await budget.locator("tr.ant-table-row").count()) === 4 && bases.includes("3,260.5"), bases.slice(0, 300));
  await button(budget.locator("tr.ant-table-row").first(), "记录").click();
  const basesHistory = budget.locator(".ant-drawer").filter({ hasText: "变更记录" });
  await basesHistory.getByText("登记").first().waitFor({ timeout: 30_000 });
  await budget.waitForTimeout(600);
  const basesEvents = await basesHistory.innerText();
  check("基础数据的变更记录用中文列出字段", basesEvents.includes("耕地面积（亩）") && !/farmlandMu|population/.test(basesEvents), basesEvents.slice(0, 300));
  await budget.screenshot({ path: `${shots}/registers-04-basic-data-history.png`, fullPage: true });

  // ---------------------------------------------------------------- 白塔镇: import the tax office's export
  await context.clearCookies();
  const baita = await login("budget2");
  await baita.goto(`${base}/registers/tax-sources`);
  await baita.getByRole("heading", { name: "税源台账" }).waitFor({ timeout: 60_000 });
  const header = ["纳税人识别号", "纳税人名称", "所属期", "税种", "实缴金额", "行业"];
  const company = creditCode("91329901MC7700001");
  const shop = creditCode("92329901MC7700002");
  // The two months before this one: within the register's last 12 months whatever the day.
  const [earlier, later] = [monthsBefore(today, 2).slice(0, 7), monthsBefore(today, 1).slice(0, 7)];
  const bad = await sheet(dir, "纳税数据-有错.xlsx", header, [
    [company, TAXPAYER, earlier, "增值税", "12500.00", "批发和零售业"],
    [company.slice(0, 17) + (company.at(-1) === "0" ? "1" : "0"), TAXPAYER, earlier, "企业所得税", "3200.00", "批发和零售业"],
    [shop, SHOP, `${year}-13`, "增值税", "860.00", "批发和零售业"],
  ]);
  await button(baita, "导入税务数据").click();
  const dialog = baita.getByRole("dialog").filter({ hasText: "导入税务部门导出的纳税数据" });
  await dialog.locator("input[type=file]").setInputFiles(bad);
  await dialog.getByText("未导入任何数据").waitFor({ timeout: 60_000 });
  const errors = await dialog.innerText();
  check("有错的表格整表不导入，逐行指出错误", errors.includes("第3行") && errors.includes("不是有效的统一社会信用代码") && errors.includes("第4行") && errors.includes("应为 YYYY-MM") && !errors.includes("第2行"), errors);
  await baita.screenshot({ path: `${shots}/registers-05-import-errors.png` });
  const good = await sheet(dir, "纳税数据.xlsx", header, [
    [company, TAXPAYER, earlier, "增值税", "12500.00", "批发和零售业"],
    [company, TAXPAYER, earlier, "企业所得税", "3200.00", "批发和零售业"],
    [company, TAXPAYER, later, "增值税", "13100.50", "批发和零售业"],
    [shop, SHOP, earlier.replace("-", ""), "增值税", "860.00", "批发和零售业"],
  ]);
  await dialog.locator("input[type=file]").setInputFiles(good);
  await baita.getByText(/已导入 4 行，新登记税源 2 户/).waitFor({ timeout: 60_000 });
  check("改正后的表格导入成功，新纳税人自动登记", true);
  await baita.locator("tr.ant-table-row", { hasText: TAXPAYER }).waitFor({ timeout: 60_000 });
  const list = await baita.locator(".ant-table").innerText();
  check("税源台账列出导入的企业和个体工商户", list.includes(TAXPAYER) && list.includes(SHOP) && list.includes("个体工商户") && list.includes("28,800.50"), list.slice(0, 400));
  await baita.screenshot({ path: `${shots}/registers-06-imported.png`, fullPage: true });

  const download = await downloadedSheet(baita, baita);
  const cells = download.rows.map((r) => r.join("|"));
  check("导出税源台账 Excel", download.name.endsWith(".xlsx") && cells.some((r) => r.includes(TAXPAYER)) && cells.some((r) => r.includes(company)), `${download.name} ${cells.slice(0, 3).join(" / ")}`);

  // The tax office corrects the earlier month's VAT: the figure is replaced, the earlier one kept in the history.
  const corrected = await sheet(dir, "纳税数据-更正.xlsx", header, [[company, TAXPAYER, earlier, "增值税", "12800.00", "批发和零售业"]]);
  await button(baita, "导入税务数据").click();
  await baita.getByRole("dialog").filter({ hasText: "导入税务部门导出的纳税数据" }).locator("input[type=file]").setInputFiles(corrected);
  await baita.getByText(/已导入 1 行，新登记税源 0 户，替换 1 条/).waitFor({ timeout: 60_000 });
  await baita.locator("tr.ant-table-row", { hasText: TAXPAYER }).getByText(TAXPAYER).click();
  const source = baita.locator(".ant-drawer").filter({ hasText: "近12个月纳税" });
  await source.locator(".ant-table-row").first().waitFor({ timeout: 30_000 });
  await button(source, "导入记录").click();
  const history = baita.locator(".ant-drawer").filter({ hasText: `变更记录：${TAXPAYER}` });
  await history.getByText("重新导入（替换）").waitFor({ timeout: 30_000 });
  await baita.waitForTimeout(600);
  const events = await history.innerText();
  check("变更记录列出导入和重新导入（替换）的前后金额", events.includes("导入") && events.includes("12,500.00") && events.includes("12,800.00") && events.includes("高明") && events.includes("实缴金额（元）") && !/amount|taxKind/.test(events), events.slice(0, 500));
  await baita.screenshot({ path: `${shots}/registers-07-history.png`, fullPage: true });

  // ---------------------------------------------------------------- the district sees every township
  await context.clearCookies();
  const supervisor = await login("supervisor");
  await supervisor.goto(`${base}/registers/overview`);
  await supervisor.locator("tr.ant-table-row").nth(13).waitFor({ timeout: 60_000 });
  const overview = await supervisor.locator(".ant-table").innerText();
  check("全区台账一览并列 14 个乡镇和全区合计", (await supervisor.locator("tr.ant-table-row").count()) === 14 && overview.includes("青禾镇") && overview.includes("白塔镇") && overview.includes("合计"), overview.slice(0, 400));
  await supervisor.screenshot({ path: `${shots}/registers-08-district-overview.png`, fullPage: true });
  await supervisor.goto(`${base}/registers/tax-sources`);
  await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await search(supervisor, "名称或统一社会信用代码", "有限公司");
  const all = await supervisor.locator(".ant-table").innerText();
  check("区监管员检索各乡镇税源，列出所属乡镇", all.includes("乡镇") && all.includes("青禾镇") && all.includes("白塔镇"), all.slice(0, 400));
  await supervisor.screenshot({ path: `${shots}/registers-09-district-tax-sources.png`, fullPage: true });

  // ---------------------------------------------------------------- park credit
  await supervisor.goto(`${base}/park-credit/banks`);
  await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await button(supervisor, "新增合作银行").click();
  const bankForm = supervisor.getByRole("dialog", { name: "新增合作银行" });
  await bankForm.getByLabel("银行名称").fill(BANK);
  await bankForm.getByLabel("合作协议编号").fill(`青财金〔${year}〕浏览器1号`);
  await button(bankForm, "保存").click();
  await bankForm.waitFor({ state: "hidden", timeout: 30_000 });
  const bankRow = supervisor.locator(".ant-card").first().locator("tr.ant-table-row", { hasText: BANK });
  await bankRow.waitFor({ timeout: 30_000 });
  await button(bankRow, "存入").click();
  const fund = supervisor.getByRole("dialog").filter({ hasText: "存入风险补偿金" });
  await fund.getByLabel("金额（元）").fill("100000");
  await fund.getByLabel("文号或凭证号").fill(`青财金〔${year}〕浏览器2号`);
  await button(fund, "确认存入").click();
  await fund.waitFor({ state: "hidden", timeout: 30_000 });
  await supervisor.waitForTimeout(800);
  const funded = await bankRow.innerText();
  check("存入风险补偿金 10 万元，可贷额度为 8 倍", funded.includes("100,000.00") && funded.includes("800,000.00"), funded);
  await supervisor.screenshot({ path: `${shots}/registers-10-park-banks.png`, fullPage: true });

  const grant = async (loanNo, enterprise, code, amount) => {
    await supervisor.goto(`${base}/park-credit/loans`);
    await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
    await button(supervisor, "登记贷款").click();
    const form = supervisor.getByRole("dialog", { name: "登记园区企业贷款" });
    await choose(supervisor, form, 0, BANK);
    await form.getByLabel("借款合同编号").fill(loanNo);
    await form.getByLabel("企业名称").fill(enterprise);
    await form.getByLabel("统一社会信用代码").fill(code);
    await form.getByLabel("金额（元）").fill(amount);
    await button(form, "登记").click();
    return form;
  };
  await grant("CYXD-浏览器-001", "青禾县浏览器测试电子有限公司", creditCode("91329901MP7700001"), "500000");
  await supervisor.waitForURL(/\/park-credit\/loans\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const loanUrl = supervisor.url();
  await supervisor.getByText("正常").first().waitFor({ timeout: 30_000 });
  check("放大倍数内的贷款登记成功", (await supervisor.locator("body").innerText()).includes("500,000.00"));
  const refused = await grant("CYXD-浏览器-002", "青禾县浏览器测试机械有限公司", creditCode("91329901MP7700002"), "400000");
  await supervisor.getByText("超出放大倍数").first().waitFor({ timeout: 30_000 });
  const reason = await supervisor.getByText("超出放大倍数").first().innerText();
  check("超出放大倍数的贷款被拒绝并说明可贷余额", reason.includes("800000.00") && reason.includes("尚可放款 300000.00"), reason);
  await supervisor.screenshot({ path: `${shots}/registers-11-park-refused.png` });
  check("被拒绝的贷款窗口仍打开，可修改金额", await refused.isVisible());

  await supervisor.goto(loanUrl);
  await button(supervisor, "登记还款").first().click();
  const repay = supervisor.getByRole("dialog").filter({ hasText: "登记还款" });
  await repay.getByLabel("还款本金（元）").fill("100000");
  await button(repay, "登记还款").last().click();
  await repay.waitFor({ state: "hidden", timeout: 30_000 });
  await supervisor.waitForTimeout(800);
  const loan = await supervisor.locator("body").innerText();
  check("登记还款后未还本金减少", loan.includes("400,000.00") && loan.includes("还款"), loan.slice(0, 500));
  await supervisor.screenshot({ path: `${shots}/registers-12-park-loan.png`, fullPage: true });

  await supervisor.goto(`${base}/park-credit/loans`);
  await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const loans = await supervisor.locator(".ant-table").innerText();
  check("贷款台账有正常、逾期、违约、已代偿等状态", ["正常", "逾期", "违约", "代偿"].every((s) => loans.includes(s)), loans.slice(0, 400));
  const loansFile = await downloadedSheet(supervisor, supervisor);
  const loanRows = loansFile.rows;
  const amountAt = (loanRows[0] ?? []).indexOf("贷款金额（元）");
  check(
    "贷款台账导出 Excel：各状态的贷款，金额为数字",
    loansFile.name === "财园信贷通贷款台账.xlsx" && loanRows.length > 4 && loanRows.slice(1).every((r) => typeof r[amountAt] === "number") && ["正常", "违约"].every((s) => loanRows.some((r) => r.includes(s))),
    `${loansFile.name} ${loanRows.slice(0, 2).map((r) => r.join("|")).join(" / ")}`,
  );
  await supervisor.screenshot({ path: `${shots}/registers-13-park-loans.png`, fullPage: true });
  await supervisor.goto(`${base}/park-credit/figures`);
  await supervisor.locator("canvas").nth(1).waitFor({ timeout: 60_000 });
  await supervisor.waitForTimeout(1_000);
  const figures = await supervisor.locator("body").innerText();
  check("统计页按银行和年度列出并绘图", figures.includes(BANK) && figures.includes(`${year}`) && (await supervisor.locator("canvas").count()) >= 2, figures.slice(0, 300));
  await supervisor.screenshot({ path: `${shots}/registers-14-park-figures.png`, fullPage: true });
}
