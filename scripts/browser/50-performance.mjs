// 预算绩效管理 as its users walk it on the demo data, in records no other flow touches: the unit clerk
// starts next year's unit-wide targets of 青禾镇农业农村服务中心, imports the indicators from Excel (a
// file with a bad row first: the row is named and nothing is written), and submits; the budget
// accountant accepts them in the flow drawer and exports next year's unit-wide trees to Excel; the
// clerk enters a month's monitoring of this year's 中心小学 tree with a red indicator (reason and
// measure required) and the monitoring page charts the colours; the congress reviewer reads the
// package and asks a question, which the budget accountant answers, and turns the red indicator into a rectification task from the monitoring page; the budget
// accountant completes the finance evaluation of last year's 集镇垃圾转运设施更新;
// the results page shows next year's advice; 白塔镇's director sees the 差 warning beside next year's
// line and cannot accept it uncut; the rectification register charts tasks by category; the district
// sees every township's grades side by side.
import ExcelJS from "exceljs";
import { downloadedSheet } from "./_helpers.mjs";

export const title = "预算绩效：目标、监控、人大审查、评价、结果应用、整改";

const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function workbook(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("绩效目标");
  ws.addRow(["一级指标", "二级指标", "三级指标", "计量单位", "指标方向（≥/≤/=）", "目标值", "权重", "是否按月累计（是/否）"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const goodRows = [
  ["产出指标", "数量指标", "农技培训人次", "人次", "≥", "600", "25", "是"],
  ["产出指标", "质量指标", "农产品抽检合格率", "%", "≥", "98", "15", "否"],
  ["产出指标", "成本指标", "人均培训成本", "元", "≤", "150", "10", "否"],
  ["效益指标", "经济效益指标", "主推技术到位率", "%", "≥", "95", "30", "否"],
  ["满意度指标", "服务对象满意度指标", "农户满意度", "%", "≥", "90", "10", "否"],
];

export async function run({ context, base, check, shots, login }) {
  const switchTo = async (username, page) => {
    await context.clearCookies();
    return login(username, page);
  };

  // ---- the unit clerk starts next year's unit-wide targets and imports the indicators
  const page = await login("unitclerk");
  await page.goto(`${base}/performance/targets`);
  await button(page, "新建绩效目标").click();
  const form = page.getByRole("dialog", { name: "新建绩效目标表" });
  await form.locator(".ant-select").nth(0).click();
  await page.locator(".ant-select-item-option", { hasText: "部门整体" }).click();
  // The second field becomes the unit picker once the type is chosen (and the first list has closed).
  await form.getByText("预算单位", { exact: true }).waitFor({ timeout: 60_000 });
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").waitFor({ state: "hidden", timeout: 60_000 }).catch(() => undefined);
  await form.locator(".ant-select").nth(1).click();
  await page.locator(".ant-select-item-option", { hasText: "青禾镇农业农村服务中心" }).last().click();
  await form.getByLabel("年度总体目标").fill("开展农技推广培训，提高主推技术到位率，保障农产品质量安全。");
  await button(form, "创建并填写指标").click();
  await page.waitForURL(/\/performance\/targets\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const sheetUrl = page.url();
  await page.locator("input[type=file]").setInputFiles({ name: "农业农村服务中心绩效目标.xlsx", mimeType: XLSX, buffer: await workbook([...goodRows.slice(0, 4), ["满意度指标", "服务对象满意度指标", "农户满意度", "%", "大于", "90", "10", "否"]]) });
  const rowError = page.getByText("未导入任何指标");
  await rowError.waitFor({ timeout: 60_000 });
  let body = await page.locator("body").innerText();
  check("导入有错的文件时指出第 6 行并且不导入", body.includes("第 6 行") && body.includes("指标方向应为") && body.includes("尚无指标"), body.slice(0, 400));
  await page.screenshot({ path: `${shots}/performance-01-import-errors.png`, fullPage: true });
  await page.locator("input[type=file]").setInputFiles({ name: "农业农村服务中心绩效目标（改正）.xlsx", mimeType: XLSX, buffer: await workbook(goodRows) });
  await page.getByText("满意度指标权重 10.00 / 应为 10.00").waitFor({ timeout: 60_000 });
  await page.waitForTimeout(800);
  body = await page.locator("body").innerText();
  check("改正后导入 5 个指标，各一级指标权重合计正确", body.includes("产出指标权重 50.00 / 应为 50.00") && body.includes("效益指标权重 30.00 / 应为 30.00"), body.slice(0, 600));
  await button(page, "保存并提交财政所审核").click();
  await page.getByText("待财政所审核").first().waitFor({ timeout: 60_000 });
  check("提交后等待财政所审核", true);
  await page.screenshot({ path: `${shots}/performance-02-submitted.png`, fullPage: true });

  // ---- the budget accountant accepts it in the flow drawer
  const budget = await switchTo("budget", page);
  await budget.goto(sheetUrl);
  await button(budget, "审核流程").click();
  const drawer = budget.locator(".ant-drawer");
  await button(drawer, "审核通过").first().click();
  const confirm = budget.getByRole("dialog").filter({ hasText: "审核通过" }).last();
  await button(confirm, "确认审核通过").click();
  await budget.waitForTimeout(1_500);
  await budget.keyboard.press("Escape");
  await budget.reload();
  await budget.getByText("审核通过").first().waitFor({ timeout: 60_000 });
  check("财政所审核通过绩效目标", (await budget.locator("body").innerText()).includes("审核通过"));

  // ---- next year's unit-wide trees exported to Excel: this one accepted among them
  await budget.goto(`${base}/performance/targets?fiscalYear=${year + 1}&subjectKind=unit`);
  await budget.locator("tr.ant-table-row", { hasText: "青禾镇农业农村服务中心" }).first().waitFor({ timeout: 60_000 });
  const targetsFile = await downloadedSheet(budget, budget);
  await budget.screenshot({ path: `${shots}/performance-02b-targets-export.png` });
  const [targetsHeader = [], ...targetsRows] = targetsFile.rows;
  const tcell = (r, name) => r[targetsHeader.indexOf(name)];
  const ours = targetsRows.find((r) => String(tcell(r, "名称")).includes("青禾镇农业农村服务中心")) ?? [];
  check(
    "绩效目标导出 Excel：按查询条件列出明年的部门整体目标，本表审核通过、5 个指标",
    targetsFile.name === "绩效目标清单.xlsx" && targetsRows.every((r) => r[0] === "青禾镇" && tcell(r, "年度") === year + 1 && tcell(r, "类型") === "部门整体") && tcell(ours, "状态") === "审核通过" && tcell(ours, "指标数") === 5,
    `${targetsFile.name} ${targetsFile.rows.slice(0, 3).map((r) => r.join("|")).join(" / ")}`,
  );

  // ---- the clerk enters a month's monitoring of this year's 中心小学 tree, one indicator red
  const clerk = await switchTo("unitclerk", budget);
  await clerk.goto(`${base}/performance/targets?fiscalYear=${year}&subjectKind=unit`);
  await clerk.getByRole("link", { name: "青禾镇中心小学（部门整体）" }).first().click();
  await button(clerk, "填报监控").click();
  const monitor = clerk.getByRole("dialog");
  const actual = (name) => monitor.getByLabel(`${name}实际完成值`);
  await monitor.getByRole("spinbutton").fill("6");
  await actual("在校学生人数").fill("855");
  await actual("教师培训人次").fill("20");
  await actual("义务教育巩固率").fill("99.3");
  await actual("生均公用经费支出").fill("430");
  await actual("学生体质健康达标率").fill("90");
  await actual("家长满意度").fill("92");
  await monitor.getByLabel("教师培训人次偏差原因").fill("上半年培训名额未下达");
  await monitor.getByLabel("教师培训人次纠偏措施").fill("下半年集中安排两期培训");
  const colours = await monitor.locator(".ant-tag").allInnerTexts();
  check("填报时按序时进度即时亮灯（培训人次红灯）", colours.includes("红"), colours.join(","));
  await clerk.screenshot({ path: `${shots}/performance-03-monitoring-entry.png` });
  await button(monitor, "提交").click();
  await monitor.waitFor({ state: "hidden", timeout: 60_000 });
  await clerk.goto(`${base}/performance/monitoring?colour=red`);
  await clerk.locator("canvas").first().waitFor({ timeout: 60_000 });
  await clerk.getByText("青禾镇中心小学（部门整体）").first().waitFor({ timeout: 60_000 });
  body = await clerk.locator("body").innerText();
  check("运行监控页图示各项目颜色并列出红灯记录", body.includes("6 月") && body.includes("红 1"), body.slice(0, 500));
  await clerk.screenshot({ path: `${shots}/performance-04-monitoring.png`, fullPage: true });

  // ---- the congress reviewer reads the package and asks; the budget accountant answers
  const congress = await switchTo("congress", clerk);
  await congress.goto(`${base}/performance/congress`);
  await congress.getByText("年度项目支出绩效目标表").first().waitFor({ timeout: 60_000 });
  body = await congress.locator("body").innerText();
  check("人大审查员看到绩效目标表及批准的预算", body.includes("高标准农田建设配套") && body.includes("650,000.00") && body.includes("一级指标"), body.slice(0, 400));
  await button(congress, "提出询问或意见").click();
  const ask = congress.getByRole("dialog", { name: "提出询问或意见" });
  await ask.getByLabel("内容").fill("高标准农田亩均增产 50 公斤的测算依据是什么？");
  await button(ask, "提交").click();
  await ask.waitFor({ state: "hidden" });
  await congress.screenshot({ path: `${shots}/performance-05-congress.png`, fullPage: true });
  const answerer = await switchTo("budget", congress);
  await answerer.goto(`${base}/performance/congress`);
  const question = answerer.locator(".ant-list-item", { hasText: "测算依据" });
  await button(question, "答复").click();
  const reply = answerer.getByRole("dialog", { name: "答复人大询问或意见" });
  await reply.getByLabel("答复").fill("依据区农业农村局近三年高标准农田建成区测产结果。");
  await button(reply, "答复").click();
  await reply.waitFor({ state: "hidden" });
  await answerer.locator(".ant-list-item", { hasText: "测算依据" }).getByText("近三年高标准农田建成区测产结果").waitFor({ timeout: 60_000 });
  check("财政所答复人大询问", (await answerer.locator(".ant-list-item", { hasText: "测算依据" }).innerText()).includes("财政所答复"));

  // ---- the budget accountant turns the red indicator into a rectification task from the monitoring page
  await answerer.goto(`${base}/performance/monitoring?colour=red&q=${encodeURIComponent("中心小学")}`);
  const redRow = answerer.locator("tr.ant-table-row", { hasText: "青禾镇中心小学（部门整体）" }).first();
  await redRow.waitFor({ timeout: 60_000 });
  await button(redRow, "发起整改").click();
  const task = answerer.getByRole("dialog", { name: /发起整改/ });
  await task.getByLabel("问题", { exact: true }).waitFor({ timeout: 60_000 });
  check("从红灯监控记录发起整改时带出红灯指标和原因", (await task.getByLabel("问题", { exact: true }).inputValue()).includes("教师培训人次") && (await task.getByLabel("问题描述").inputValue()).includes("上半年培训名额未下达"));
  await task.getByLabel("整改责任人").fill("吴强");
  await task.getByLabel("整改期限").fill(new Date(Date.now() + (8 + 30 * 24) * 3_600_000).toISOString().slice(0, 10));
  await button(task, "下达整改").click();
  await task.waitFor({ state: "hidden", timeout: 60_000 });
  check("财政所从监控记录下达整改任务", true);

  // ---- the budget accountant completes the finance evaluation of last year's project
  await answerer.goto(`${base}/performance/evaluations?status=financeReview`);
  await answerer.getByRole("link", { name: "集镇垃圾转运设施更新" }).click();
  await button(answerer, "录入财政评价").click();
  const round = answerer.getByRole("dialog");
  await round.getByLabel("评价结论").fill("设施按期更新，受益人数略低于目标。");
  await button(round, "保存财政评价").click();
  await round.waitFor({ state: "hidden", timeout: 60_000 });
  await answerer.getByText("评价完成").first().waitFor({ timeout: 60_000 });
  body = await answerer.locator("body").innerText();
  check("财政评价完成后显示最终得分和等级", /最终得分\s*\d+\.\d{2}\s*分/.test(body) && body.includes("财政评价"), body.slice(0, 500));
  await answerer.screenshot({ path: `${shots}/performance-06-evaluation-report.png`, fullPage: true });

  // ---- results applied: next year's advice, and 白塔镇's 差 project held to a 20% cut
  await answerer.goto(`${base}/performance/results`);
  await answerer.getByText("集镇垃圾转运设施更新").first().waitFor({ timeout: 60_000 });
  check("结果应用页列出下年度预算要求", (await answerer.locator("body").innerText()).includes("原则上持平") || (await answerer.locator("body").innerText()).includes("可适当增加"));
  const director2 = await switchTo("director2", answerer);
  await director2.goto(`${base}/budget/rounds`);
  await director2.locator(".ant-select").filter({ hasText: "年度" }).first().click();
  await director2.locator(".ant-select-item-option").filter({ hasText: `${year + 1}年度` }).click();
  const line = director2.locator("tr.ant-table-row", { hasText: "镇村道路养护" });
  await line.waitFor({ timeout: 60_000 });
  await director2.waitForTimeout(800);
  const lineText = await line.innerText();
  check("下年度预算编制中差等级项目显示压减提示", lineText.includes("上年评价差") && lineText.includes("240,000.00"), lineText);
  await button(line, "同意").click();
  await director2.getByText("绩效评价为差").first().waitFor({ timeout: 60_000 });
  check("未压减的差等级项目不能同意", true);
  await director2.screenshot({ path: `${shots}/performance-07-next-year-warning.png`, fullPage: true });

  // ---- the rectification register, by category
  const office = await switchTo("budget", director2);
  await office.goto(`${base}/performance/rectifications`);
  await office.locator("canvas").first().waitFor({ timeout: 60_000 });
  body = await office.locator("body").innerText();
  check("整改台账按问题类别统计并列出整改事项", body.includes("问题类别") && body.includes("ZG"), body.slice(0, 400));
  await office.goto(`${base}/performance/rectifications?q=${encodeURIComponent("教师培训人次")}`);
  await office.getByText("教师培训人次未达序时进度").first().waitFor({ timeout: 60_000 });
  check("整改台账列出从监控红灯下达的整改", (await office.locator("body").innerText()).includes("绩效监控"));
  await office.screenshot({ path: `${shots}/performance-08-rectifications.png`, fullPage: true });

  // ---- the district sees every township's grades side by side
  const district = await switchTo("supervisor", office);
  await district.goto(`${base}/performance/evaluations?fiscalYear=${year - 1}`);
  await district.getByText(`${year - 1} 年度评价结果（各乡镇）`).waitFor({ timeout: 60_000 });
  await district.locator("canvas").first().waitFor({ timeout: 60_000 });
  body = await district.locator("body").innerText();
  check("区级看到各乡镇的评价等级", body.includes("青禾镇") && body.includes("白塔镇") && body.includes("镇村道路养护"), body.slice(0, 400));
  await district.screenshot({ path: `${shots}/performance-09-district-grades.png`, fullPage: true });
}
