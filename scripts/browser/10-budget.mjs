// Budget preparation as 青禾镇's finance office would do it, on next year's budget the demo leaves in
// preparation for this flow alone (no other flow touches it): the budget accountant reviews every
// line (accepts, cuts one with a reason, returns one), sees the draft by government economic class;
// the budget accountant completes the revenue side until the draft balances; the director records the
// congress approval; the budget accountant issues the indicators and sees
// them with their available amounts, and exports them to Excel. Also opens the project library with its failed assessment
// and exports the list of that filter.
import { button, choose, downloadedSheet } from "./_helpers.mjs";

export const title = "预算编制：审核、人大批准、下达指标";

const nextYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) + 1;

async function openNextYear(page, base) {
  await page.goto(`${base}/budget/rounds`);
  await page.getByText("申报明细").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  await page.locator(".ant-select").filter({ hasText: "年度" }).first().click();
  await page.locator(".ant-select-item-option").filter({ hasText: `${nextYear}年度` }).click();
  // Next year's salary line of the 人民政府 (1,920,000.00) is in no other year's budget.
  await page.locator("tr.ant-table-row", { hasText: "1,920,000.00" }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
}

const row = (page, ...texts) => texts.reduce((locator, text) => locator.filter({ hasText: text }), page.locator("tr.ant-table-row"));

async function review(page, rowLocator, decision, fields) {
  await button(rowLocator, decision).click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await button(dialog, "确定").click();
  await dialog.waitFor({ state: "hidden" });
  await page.waitForTimeout(600);
}

export async function run({ context, base, check, shots, login }) {
  // ---- the budget accountant reviews next year's requests
  const page = await login("budget");
  await openNextYear(page, base);
  let body = await page.locator("body").innerText();
  check("打开下年度预算编制，申报明细待审核", body.includes("编制中") && body.includes("待审核") && body.includes("高标准农田建设配套"), body.slice(0, 300));
  await page.screenshot({ path: `${shots}/budget-01-preparing.png`, fullPage: true });

  await button(row(page, "青禾镇人民政府", "30101"), "同意").click();
  await page.waitForTimeout(600);
  await review(page, row(page, "青禾镇人民政府", "30201"), "核减", { "核减后金额（元）": "230000.00", 核减理由: "按定额标准核定办公费" });
  await review(page, row(page, "青禾镇卫生院", "30107"), "退回", { 退回理由: "绩效工资测算依据不足，请按核定编制人数重新测算" });
  await button(row(page, "青禾镇中心小学", "30101"), "同意").click();
  await page.waitForTimeout(600);
  await button(row(page, "高标准农田建设配套"), "同意").click();
  await page.waitForTimeout(1_000);
  body = await page.locator("body").innerText();
  check("核减的申报显示核定金额和理由", body.includes("230,000.00") && body.includes("按定额标准核定办公费"));
  const returned = await row(page, "青禾镇卫生院", "30107").innerText();
  check("退回的申报显示退回和理由", returned.includes("退回") && returned.includes("绩效工资测算依据不足"), returned);
  check("全部审核后审核合计为 3,940,000.00 元、待审为 0", body.includes("3,940,000.00") && body.includes("（待审 0）"), body.slice(0, 600));

  await button(row(page, "青禾镇卫生院", "30107"), "审核记录").click();
  const history = page.getByRole("dialog");
  await history.getByText("绩效工资测算依据不足").waitFor();
  await page.waitForTimeout(600);
  check("审核记录列出申报和退回", (await history.innerText()).includes("申报") && (await history.innerText()).includes("李秀英"));
  await page.screenshot({ path: `${shots}/budget-02-review-history.png` });
  await page.keyboard.press("Escape");
  await history.waitFor({ state: "hidden" });

  // ---- the revenue side: 40,000.00 short of the reviewed expenditure until the carry-over is entered
  const revenueCard = page.locator(".ant-card").filter({ hasText: "收入预算" }).first();
  await revenueCard.getByText("收支不平衡").waitFor({ timeout: 60_000 });
  body = await revenueCard.innerText();
  check("收入预算显示收支不平衡及差额", body.includes("支大于收") && body.includes("40,000.00"), body.slice(0, 300));
  await button(revenueCard, "添加收入预算").click();
  const addRevenue = page.getByRole("dialog");
  await choose(page, addRevenue, 0, "上年结转");
  await addRevenue.getByLabel("金额（元）").fill("40000");
  await addRevenue.getByLabel("说明").fill("上年一般公共预算结转资金");
  await button(addRevenue, "保存").click();
  await addRevenue.waitFor({ state: "hidden" });
  await revenueCard.getByText("收支平衡：").waitFor({ timeout: 60_000 });
  check("补录上年结转后收入预算收支平衡", (await revenueCard.innerText()).includes("上年一般公共预算结转资金"));
  await page.screenshot({ path: `${shots}/budget-02b-revenue.png`, fullPage: true });

  await page.getByRole("tab", { name: "政府经济分类·类" }).click();
  await page.getByText("机关工资福利支出").first().waitFor();
  body = await page.locator("body").innerText();
  check("草案按政府预算经济分类汇总（501、505）", body.includes("501") && body.includes("505") && body.includes("对事业单位经常性补助"));
  await page.screenshot({ path: `${shots}/budget-03-reviewed.png`, fullPage: true });

  // ---- the director records the people's congress approval
  await context.clearCookies();
  const director = await login("director");
  await openNextYear(director, base);
  await button(director, "登记人大批准").click();
  const approval = director.getByRole("dialog");
  await approval.getByLabel("会议").fill("青禾镇第十八届人民代表大会第五次会议");
  await approval.getByLabel("决议文号").fill(`青人大〔${nextYear}〕1号`);
  check("批准总额默认为草案审核合计", (await approval.getByLabel("批准支出总额（元）").inputValue()) === "3940000.00");
  await director.screenshot({ path: `${shots}/budget-04-approval.png` });
  await button(approval, "登记").click();
  await approval.waitFor({ state: "hidden" });
  await director.getByText("已经人大批准").waitFor();
  body = await director.locator("body").innerText();
  check("预算显示已经人大批准及决议文号", body.includes(`青人大〔${nextYear}〕1号`) && body.includes("3,940,000.00"));

  // ---- the budget accountant issues the indicators and sees them with available amounts
  await context.clearCookies();
  const issuer = await login("budget");
  await openNextYear(issuer, base);
  await button(issuer, "按批准预算下达指标").click();
  await issuer.getByText("已下达", { exact: true }).waitFor({ timeout: 60_000 });
  check("按批准预算下达指标后显示已下达", true);
  await issuer.goto(`${base}/budget/indicators?fiscalYear=${nextYear}`);
  await issuer.getByText("高标准农田建设配套").first().waitFor({ timeout: 60_000 });
  const indicators = await issuer.locator(".ant-table-tbody").innerText();
  check("下年度指标列出四条（退回的申报不下达）", ["1,920,000.00", "230,000.00", "990,000.00", "800,000.00"].every((a) => indicators.includes(a)) && !indicators.includes("440,000.00"), indicators.slice(0, 400));
  const headers = (await issuer.locator("thead th").allInnerTexts()).map((h) => h.trim());
  const availableColumn = headers.indexOf("可用");
  const issuedColumn = headers.indexOf("指标数");
  const rows = await issuer.locator("tr.ant-table-row").all();
  let availableShown = availableColumn > 0 && rows.length === 4;
  for (const r of rows) {
    const cells = await r.locator("td").allInnerTexts();
    if (cells[availableColumn] !== cells[issuedColumn] || !/^\d[\d,]*\.\d{2}$/.test(cells[availableColumn] ?? "")) availableShown = false;
  }
  check("每条指标显示可用额，尚未支付时等于指标数", availableShown, headers.join("|"));
  await issuer.locator(".ant-table-content, .ant-table-body").first().evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await issuer.screenshot({ path: `${shots}/budget-05-indicators.png`, fullPage: true });

  // ---- the indicators of the year exported as 预算指标台账: the four, named codes, amounts as numbers
  const file = await downloadedSheet(issuer, issuer);
  const sheetRows = file.rows;
  const [head = [], ...exportedRows] = sheetRows;
  const issuedCells = exportedRows.map((r) => r[head.indexOf("指标数（元）")]).sort((a, b) => a - b);
  check(
    "导出预算指标台账 Excel：下年度四条指标，分类带名称，金额为数字",
    file.name === "预算指标台账.xlsx" && exportedRows.length === 4 && issuedCells.join(",") === "230000,800000,990000,1920000" && exportedRows.every((r) => /^\d+ \S/.test(String(r[head.indexOf("功能分类")]))),
    `${file.name} ${sheetRows.slice(0, 2).map((r) => r.join("|")).join(" / ")}`,
  );

  // ---- the project library: the failed ex-ante assessment stops a project from being budgeted
  await issuer.goto(`${base}/budget/projects?status=failed`);
  await issuer.getByText("村级文化广场提升").waitFor({ timeout: 60_000 });
  // The list's export, with its filter: the one failed project, its score, status in Chinese, amount as a number.
  const projectsFile = await downloadedSheet(issuer, issuer);
  const [projectHead = [], ...projectRows] = projectsFile.rows;
  const failedProject = projectRows[0] ?? [];
  check(
    "导出项目库 Excel：按查询条件列出评估未通过的项目，得分与状态为中文，金额为数字",
    projectsFile.name === "项目库.xlsx" && projectRows.length === 1 && failedProject[projectHead.indexOf("项目名称")] === "村级文化广场提升" && failedProject[projectHead.indexOf("评估得分")] === 48 && failedProject[projectHead.indexOf("事前绩效评估")] === "评估未通过" && failedProject[projectHead.indexOf("计划总投资（元）")] === 600000,
    `${projectsFile.name} ${projectsFile.rows.map((r) => r.join("|")).join(" / ").slice(0, 400)}`,
  );
  await issuer.screenshot({ path: `${shots}/budget-06a-project-library-export.png` });
  await issuer.getByText("村级文化广场提升").click();
  await issuer.getByText("事前绩效评估记录").waitFor();
  body = await issuer.locator("body").innerText();
  check("项目库显示评估未通过的项目及其得分", body.includes("评估未通过") && body.includes("48") && body.includes("不予支持"));
  await issuer.screenshot({ path: `${shots}/budget-06-project-library.png` });
}
