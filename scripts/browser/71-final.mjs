// The year's final accounts (决算) as a new user closes them, on the demo's planted inconsistency: 青禾镇's
// 总预算会计 (budget) opens 年度决算 and sees the treasury formula fail on 2010301 行政运行 (a voucher
// posted by hand for spending the treasury already paid — PLANTED_SUMMARY in finalAccounts/demo.ts),
// follows the link to the failing cell, reverses the voucher in red ink; the director reviews the red
// voucher and the accountant posts it; the formula passes, the 说明 is written, the Excel and the print
// view are there, and the final account is submitted. The district supervisor sees it on the status
// page with every township and the consolidated tables, accepts it; the accountant publishes it and a
// resident reads it at the service-hall kiosk. Uses 青禾镇's current year, which no other flow touches.
export const title = "决算：审核公式发现问题、红字冲销、上报、区级审核、公开";

const PLANTED = "补记：镇政府办公设备采购（重复记账）";
const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });
const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);

/** Opens the vouchers of the fiscal set QH-ZKJ and searches the planted voucher's summary. */
async function plantedVouchers(page, base) {
  await page.goto(`${base}/ledger/vouchers`);
  await page.locator(".ant-select").filter({ hasText: /QH-/ }).first().click();
  await page.locator(".ant-select-item-option", { hasText: "QH-ZKJ" }).click();
  await page.getByPlaceholder("摘要").fill("重复记账");
  await page.getByPlaceholder("摘要").press("Enter");
  await page.locator("tr.ant-table-row", { hasText: PLANTED }).first().waitFor({ timeout: 60_000 });
}

/** The red-ink voucher's row: its summary names the original, its tag says 红字冲销 (the original's row has a 红字冲销 button). */
const reversalRow = (page) => page.locator("tr.ant-table-row", { hasText: PLANTED }).filter({ has: page.locator(".ant-tag", { hasText: "红字冲销" }) });

async function openWorkspace(page, base) {
  await page.goto(`${base}/final-accounts`);
  await page.getByText(/共 \d+ 项，通过/).waitFor({ timeout: 60_000 });
}

export async function run({ context, base, check, shots, login }) {
  // ---- the accountant sees the formula fail, naming tables, rows and both amounts
  let page = await login("budget");
  await openWorkspace(page, base);
  const failure = page.locator(".xc-final-formula", { hasText: "2010301" }).first();
  await failure.waitFor({ timeout: 60_000 });
  let text = await failure.innerText();
  check("审核公式未通过：指出一般公共预算收支决算明细表和国库支付核对表的“2010301 行政运行”及两边金额，相差 38,500.00", text.includes("一般公共预算收支决算明细表") && text.includes("国库支付核对表") && text.includes("2010301 行政运行") && text.includes("相差 38,500.00"), text);
  const submitButton = () => button(page, "上报区财政局");
  const reason = await page.locator(".ant-alert-error", { hasText: "不能上报" }).first().innerText().catch(() => "");
  check("审核公式未通过时“上报区财政局”不可用，并显示原因", (await submitButton().isDisabled()) && reason.includes("审核公式未通过"), reason);
  await page.screenshot({ path: `${shots}/final-01-formula-fails.png`, fullPage: true });

  await failure.getByText(/定位：一般公共预算收支决算明细表/).click();
  const focused = page.locator("td.xc-final-focus");
  await focused.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(800);
  const box = await focused.boundingBox();
  const viewport = page.viewportSize();
  check("点击公式中的单元格链接：切换到明细表，滚动到 2010301 行政运行的决算数并高亮", (await page.locator(".ant-tabs-tab-active").innerText()).includes("一般公共预算收支决算明细表") && (await page.locator("tr", { has: focused }).innerText()).includes("2010301 行政运行") && box !== null && viewport !== null && box.y >= 0 && box.y < viewport.height);
  await page.screenshot({ path: `${shots}/final-02-failing-cell.png` });

  // ---- the fix the demo intends: reverse the voucher posted twice, in red ink
  await plantedVouchers(page, base);
  const original = page.locator("tr.ant-table-row", { hasText: PLANTED }).filter({ hasText: "已记账" }).first();
  await button(original, "红字冲销").click();
  await button(page.getByRole("dialog"), "生成红字凭证").click();
  await page.getByRole("dialog").waitFor({ state: "hidden", timeout: 60_000 });
  await reversalRow(page).first().waitFor({ timeout: 60_000 });
  check("生成红字冲销凭证，待审核", (await reversalRow(page).first().innerText()).includes("待审核"));
  await page.screenshot({ path: `${shots}/final-03-reversal.png`, fullPage: true });

  // another person reviews it (the director), the accountant posts it
  await context.clearCookies();
  const director = await login("director");
  await plantedVouchers(director, base);
  await button(reversalRow(director).first(), "审核").click();
  await reversalRow(director).filter({ hasText: "待记账" }).first().waitFor({ timeout: 60_000 });
  check("所长审核红字凭证", true);
  await context.clearCookies();
  page = await login("budget");
  await plantedVouchers(page, base);
  await button(reversalRow(page).first(), "记账").click();
  await reversalRow(page).filter({ hasText: "已记账" }).first().waitFor({ timeout: 60_000 });
  check("总预算会计记账红字凭证", true);

  // ---- the formula passes; the 说明 is written; Excel and print; submitted
  await openWorkspace(page, base);
  text = await page.locator(".ant-card").filter({ has: page.locator(".ant-card-head-title", { hasText: "审核公式" }) }).innerText();
  check("冲销后审核公式全部通过（没有错误）", text.includes("全部通过") && !text.includes("2010301"), text.slice(0, 400));
  await page.getByLabel("决算说明").fill(`${year}年本级收入和上级补助收入按预算执行，本级支出经国库集中支付；重复记账的办公设备采购凭证已红字冲销，决算数与国库支付数一致。年终结转结余按规定结转下年。`);
  await button(page, "保存说明").click();
  await page.getByText(/李秀英 于 .* 保存/).waitFor({ timeout: 60_000 });
  check("保存决算说明后“上报区财政局”可用", await submitButton().isEnabled());
  await page.getByRole("tab", { name: "预算与决算对比" }).click();
  await page.locator(".ant-tabs-content-active canvas").first().waitFor({ timeout: 60_000 });
  text = await page.locator(".ant-tabs-content-active").innerText();
  check("预算与决算对比：按功能分类（类）的 ECharts 图表和预算数、调整预算数、决算数、执行率", text.includes("201 一般公共服务支出") && text.includes("执行率") && text.includes("调整预算数"), text.slice(0, 300));
  await page.screenshot({ path: `${shots}/final-04-passed-chart.png`, fullPage: true });
  const [excel] = await Promise.all([page.waitForEvent("download"), button(page, "导出 Excel").click()]);
  check("导出 Excel：青禾镇年度财政总决算", (await excel.suggestedFilename()) === `青禾镇${year}年度财政总决算.xlsx`, await excel.suggestedFilename());

  await button(page, "打印").click();
  await page.getByRole("heading", { name: `青禾镇${year}年度财政总决算` }).waitFor({ timeout: 60_000 });
  text = await page.locator(".xc-final-print").innerText();
  check("打印页：各表、部门决算、决算说明和签字栏", text.includes("收支决算总表") && text.includes("一般公共预算收支决算明细表") && text.includes("红字冲销") && text.includes("财政所所长："), text.slice(0, 200));
  await page.screenshot({ path: `${shots}/final-05-print.png` });

  await openWorkspace(page, base);
  await submitButton().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("上报说明").fill("单位账财政拨款收入含年初结转的上年拨款，已与国库核对。");
  await button(dialog, "编制并上报").click();
  await dialog.waitFor({ state: "hidden", timeout: 60_000 });
  await page.locator(".ant-descriptions", { hasText: "已上报待审核" }).waitFor({ timeout: 60_000 });
  // The history reloads after the submission ("正在加载…" for a moment): wait for its rows before reading it.
  await page.locator(".ant-card", { hasText: "上报记录" }).last().getByText("李秀英").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  text = await page.locator(".ant-card", { hasText: "上报记录" }).last().innerText();
  check("上报后状态为已上报待审核，说明锁定，上报记录有编制和上报", (await page.getByLabel("决算说明").isDisabled()) && (await submitButton().count()) === 0 && (await page.getByText("已上报区财政局，待审核。").count()) === 1 && text.includes("李秀英"), text.slice(0, 300));
  await page.screenshot({ path: `${shots}/final-06-submitted.png`, fullPage: true });

  // ---- the district: every township on one page, accept
  await context.clearCookies();
  const supervisor = await login("supervisor");
  // the matter waits in the district's to-do, its card linking to the township's final account
  await supervisor.goto(`${base}/todo`);
  await supervisor.getByText(`青禾镇 ${year}年度乡镇财政总决算`).first().click();
  const card = supervisor.locator(".ant-drawer").getByRole("link", { name: /查看决算/ }).first();
  await card.waitFor({ timeout: 60_000 });
  text = await supervisor.locator(".ant-drawer").innerText();
  check("区级“我的待办”有青禾镇决算，摘要列出本年收支、审核公式和“查看决算”链接", text.includes("乡镇财政总决算") && text.includes("本年收入合计") && text.includes("审核公式"), text.slice(0, 300));
  await supervisor.screenshot({ path: `${shots}/final-06b-todo.png` });
  await supervisor.keyboard.press("Escape");
  await supervisor.goto(`${base}/final-accounts/district`);
  const rows = supervisor.locator(".xc-final-status tr.ant-table-row");
  const qinghe = rows.filter({ hasText: "青禾镇" });
  await qinghe.waitFor({ timeout: 60_000 });
  check("决算上报情况列出 14 个乡镇，青禾镇已上报待审核", (await rows.count()) === 14 && (await qinghe.innerText()).includes("已上报待审核"), await qinghe.innerText());
  text = await supervisor.locator(".ant-card", { hasText: "全区合并决算" }).last().innerText();
  check("全区合并决算：已上报乡镇的合计，区乡之间的补助和上解合并抵消", text.includes("个乡镇已上报") && text.includes("合并抵消") && text.includes("收支决算总表"), text.slice(0, 300));
  await supervisor.screenshot({ path: `${shots}/final-07-district.png`, fullPage: true });
  await qinghe.getByText("审核", { exact: true }).click();
  const drawer = supervisor.locator(".ant-drawer");
  await button(drawer, "审核通过并锁定").waitFor({ timeout: 60_000 });
  await drawer.getByPlaceholder(/审核意见/).fill("数据与国库支付核对一致，审核通过。");
  await supervisor.screenshot({ path: `${shots}/final-08-review.png` });
  await button(drawer, "审核通过并锁定").click();
  await drawer.getByText("已审核锁定").first().waitFor({ timeout: 60_000 });
  await supervisor.keyboard.press("Escape");
  await qinghe.filter({ hasText: "已审核锁定" }).waitFor({ timeout: 60_000 });
  check("区财政局审核通过，青禾镇决算已审核锁定", true);
  // last year: 白塔镇 accepted by the demo, opened read-only from the district's page
  await supervisor.goto(`${base}/final-accounts/district?year=${Number(year) - 1}`);
  const baita = rows.filter({ hasText: "白塔镇" });
  await baita.filter({ hasText: "已审核锁定" }).waitFor({ timeout: 60_000 });
  await baita.getByText("查看决算").click();
  await supervisor.getByText("区财政局已审核通过并锁定。").waitFor({ timeout: 60_000 });
  text = await supervisor.locator(".ant-card").first().innerText();
  check("上年度白塔镇决算已审核锁定，区级可打开查看（只读，无上报按钮）", text.includes("白塔镇") && (await button(supervisor, "上报区财政局").count()) === 0, text.slice(0, 200));
  await supervisor.screenshot({ path: `${shots}/final-08b-last-year.png` });

  // ---- published to residents, read at the kiosk
  await context.clearCookies();
  page = await login("budget");
  await openWorkspace(page, base);
  await button(page, "向社会公开").click();
  await page.getByText(/公开$/).filter({ hasText: "已于" }).first().waitFor({ timeout: 60_000 });
  await page.goto(`${base}/final-accounts/publications`);
  const row = page.locator("tr.ant-table-row", { hasText: `青禾镇${year}年度财政总决算` });
  await row.waitFor({ timeout: 60_000 });
  check("预决算公开列出本年决算，批准后 20 日内按时公开", (await row.innerText()).includes("按时公开"), await row.innerText());
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/final-09-publications.png`, fullPage: true });

  await page.goto(`${base}/kiosk`);
  const item = page.locator(".kiosk-article", { hasText: `青禾镇${year}年度财政总决算` });
  await item.waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${shots}/final-10-kiosk.png` });
  await item.click();
  await page.locator(".kiosk-doc-table").waitFor({ timeout: 60_000 });
  text = await page.locator(".kiosk").innerText();
  check("服务大厅触摸屏可查阅公开的决算：收支决算总表和决算说明", text.includes("收支决算总表") && text.includes("决算说明") && /[0-9],[0-9]{3}\.[0-9]{2}/.test(text), text.slice(0, 300));
  await page.screenshot({ path: `${shots}/final-11-kiosk-document.png` });
}
