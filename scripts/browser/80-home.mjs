// Home pages (首页) as each kind of user meets them after logging in: the district supervisor's
// dashboard (execution by township, payments in flight, rosters by stage, overdue matters, all 14
// townships ranked), the director's (the same for the township, its place among its peers), the
// general budget accountant's periods and vouchers waiting, the unit clerk's own requests, the village's
// rosters; the to-do one click away with the same count as the menu; the approval drawer's summary card;
// amounts in the one money format (1,234.56) on the home, the vouchers, the trial balance and the
// rosters; the budget units waiting for approval and the audit log (in Chinese names), each exported
// to Excel. Screenshots of every home at 1440×900 and 1280×720.
// Reads only: it changes nothing, so it can run after any other flow.
import { downloadedSheet } from "./_helpers.mjs";

export const title = "首页：各角色的首页、待办、金额格式";

const MONEY = /^-?\d{1,3}(,\d{3})*\.\d{2}$/;
/** An amount written without separators (1983900.00), which the one format never shows. */
const UNGROUPED = /(^|[^\d,.])\d{4,}\.\d{2}(?!\d)/;

async function openHome(page, base) {
  await page.goto(`${base}/home`);
  await page.locator("[data-home-audience]").waitFor({ timeout: 60_000 });
  await page.waitForTimeout(800); // charts draw after the cards
  return page.locator("[data-home-audience]").getAttribute("data-home-audience");
}

const cardCodes = (page) => page.locator("[data-home-card]").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-home-card")));

async function figure(page, card, label) {
  const text = await page.locator(`[data-home-card="${card}"] [data-home-figure="${label}"]`).first().innerText();
  return text.replace(label, "").replace("元", "").trim();
}

async function bothSizes(page, shots, name) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${shots}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${shots}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function todoCountMatches(page, base, check, who) {
  const banner = page.locator('[data-home-card="todo"]');
  const count = Number((await banner.locator(".ant-badge").first().innerText()).replace(/\D/g, "") || "0");
  await banner.locator("a").first().click();
  await page.waitForURL(/\/todo/, { timeout: 60_000 });
  await page.waitForTimeout(1_000);
  const menuBadge = await page.locator(".xc-menu-todo .ant-badge").first().innerText().catch(() => "0");
  check(`${who}：首页待办数与菜单角标一致（${count}）`, count === Number(menuBadge.replace(/\D/g, "") || "0") || (count > 99 && menuBadge.includes("99")), `首页 ${count}，菜单 ${menuBadge}`);
  return count;
}

export async function run({ context, base, check, shots, login }) {
  // ---- the district supervisor
  let page = await login("supervisor");
  // The login lands on "/", which sends a signed-in person on to their home page.
  await page.waitForURL((url) => url.pathname === "/home", { timeout: 30_000 }).catch(() => undefined);
  check("区监管员登录后进入首页", new URL(page.url()).pathname === "/home", page.url());
  let audience = await openHome(page, base);
  check("区监管员的首页是全区仪表盘", audience === "district", audience);
  let codes = await cardCodes(page);
  check("区仪表盘有预算执行、在途支付、清册进度、超期事项、乡镇排名", ["budget.execution", "treasury.inFlight", "subsidy.rosterStages", "flow.overdue", "budget.standing"].every((c) => codes.includes(c)), codes.join(","));
  check("区仪表盘的图表已绘制（ECharts）", (await page.locator('[data-home-card="budget.execution"] canvas').count()) > 0);
  const ranked = await page.locator('[data-home-card="budget.standing"] tr.ant-table-row').count();
  check("乡镇排名列出全区 14 个乡镇", ranked === 14, String(ranked));
  const paid = await figure(page, "budget.execution", "已支付");
  check("首页金额带千分位和两位小数", MONEY.test(paid), paid);
  await bothSizes(page, shots, "home-district");

  // The district's monthly debt reports, one page of every township: amounts in the one format.
  await page.goto(`${base}/debt/monthly-reports/status`);
  await page.locator(".ant-table-row").first().waitFor({ timeout: 60_000 });
  const debtStatus = await page.locator(".ant-table").first().innerText();
  check("债务月报上报情况的金额带千分位", !UNGROUPED.test(debtStatus), debtStatus.match(UNGROUPED)?.[0] ?? "");

  // ---- the township director
  await context.clearCookies();
  page = await login("director");
  audience = await openHome(page, base);
  check("所长的首页是本镇仪表盘", audience === "director", audience);
  codes = await cardCodes(page);
  check("所长首页有预算执行、在途支付、清册进度、超期事项和在全区的位次", ["budget.execution", "treasury.inFlight", "subsidy.rosterStages", "flow.overdue", "budget.standing"].every((c) => codes.includes(c)), codes.join(","));
  const place = await figure(page, "budget.standing", "名次");
  check("所长看到本镇在 14 个乡镇中的名次", /^\d+ \/ 14$/.test(place), place);
  const homeText = await page.locator("[data-home-audience]").innerText();
  check("所长首页不显示其他乡镇的名称", !homeText.includes("白塔镇"));
  check("所长首页没有不带千分位的金额", !UNGROUPED.test(homeText), homeText.match(UNGROUPED)?.[0] ?? "");
  await bothSizes(page, shots, "home-director");
  const directorTodo = await todoCountMatches(page, base, check, "所长");
  await page.locator("tr.ant-table-row").filter({ hasText: "预算单位登记" }).first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  const todoText = await page.locator("body").innerText();
  check("所长的待办列出待审批的预算单位登记", directorTodo > 0 && todoText.includes("预算单位登记"), todoText.slice(0, 300));

  // ---- the budget units waiting for approval, exported with the list's filter
  await page.goto(`${base}/org/budget-units?status=pending`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const pendingShown = await page.locator("tr.ant-table-row").count();
  const unitsFile = await downloadedSheet(page, page);
  const [unitsHeader = [], ...unitRows] = unitsFile.rows;
  check(
    "预算单位导出 Excel：按查询条件列出本镇待审批的单位，状态为中文",
    unitsFile.name === "预算单位.xlsx" && unitRows.length === pendingShown && unitRows.every((r) => r[unitsHeader.indexOf("状态")] === "待审批" && r[unitsHeader.indexOf("乡镇")] === "青禾镇"),
    `${unitsFile.name} 页面 ${pendingShown} 行 ${unitsFile.rows.map((r) => r.join("|")).join(" / ").slice(0, 400)}`,
  );
  await page.screenshot({ path: `${shots}/home-director-budget-units.png` });

  // ---- the audit log reads in Chinese
  await page.goto(`${base}/audit`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const audit = await page.locator(".ant-table-tbody").innerText();
  check("审计日志显示中文操作名而非代码", !/user\.login|ledger\.voucherPosted|outboxEvent/.test(audit) && /登录|凭证记账|录入|下达/.test(audit), audit.slice(0, 300));
  const auditFile = await downloadedSheet(page, page);
  const [auditHeader = [], ...auditRows] = auditFile.rows;
  check(
    "审计日志导出 Excel：中文操作名、操作代码和每条的哈希",
    auditFile.name === "审计日志.xlsx" && auditRows.length > 10 && auditRows.every((r) => /^[0-9a-f]{64}$/.test(String(r[auditHeader.indexOf("哈希")]))) && auditRows.some((r) => /登录|录入|下达/.test(String(r[auditHeader.indexOf("操作")]))),
    `${auditFile.name} ${auditFile.rows.length} 行 ${auditFile.rows.slice(0, 2).map((r) => r.join("|").slice(0, 200)).join(" / ")}`,
  );

  // ---- the general budget accountant: periods and vouchers waiting, the approval drawer's summary
  await context.clearCookies();
  page = await login("budget");
  audience = await openHome(page, base);
  check("总预算会计的首页是会计的首页", audience === "accountant", audience);
  const ledgerCard = page.locator('[data-home-card="ledger.work"] tr.ant-table-row');
  await ledgerCard.first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  const ledgerRows = (await ledgerCard.allInnerTexts()).join("\n");
  check("会计首页列出账套的当前期间和待处理凭证", ledgerRows.includes("QH-01") && /年 \d+ 月/.test(ledgerRows), ledgerRows.slice(0, 200));
  await bothSizes(page, shots, "home-accountant");
  await todoCountMatches(page, base, check, "总预算会计");
  const paymentRow = page.locator("tr.ant-table-row", { hasText: "支付申请" }).first();
  if (await paymentRow.count()) {
    await paymentRow.click();
    const summary = page.locator('[data-testid="todo-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    const text = await summary.innerText();
    const amount = (await summary.locator(".xc-todo-amount-value").innerText()).replace("¥", "").trim();
    check("审批抽屉显示支付申请的收款人、金额和用途", text.includes("收款人") && text.includes("用途") && MONEY.test(amount), text.slice(0, 300));
    await page.screenshot({ path: `${shots}/home-accountant-drawer.png` });
    await page.keyboard.press("Escape");
  } else {
    check("总预算会计的待办里有待审核的支付申请", false, "待办里没有支付申请（其他流程可能已审完）");
  }

  // ---- amounts in the ledger and the subsidy lists
  await page.goto(`${base}/ledger/vouchers`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  const vouchers = await page.locator(".ant-table-tbody").innerText().catch(() => "");
  check("凭证列表金额带千分位", !UNGROUPED.test(vouchers), vouchers.match(UNGROUPED)?.[0] ?? "");
  await page.goto(`${base}/ledger/reports`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(800);
  const trial = await page.locator(".ant-table-tbody").first().innerText().catch(() => "");
  check("科目余额表金额带千分位", trial.length > 0 && !UNGROUPED.test(trial), trial.match(UNGROUPED)?.[0] ?? trial.slice(0, 100));

  // ---- the unit clerk: their own requests
  await context.clearCookies();
  page = await login("unitclerk");
  audience = await openHome(page, base);
  check("预算单位经办人的首页是经办人的首页", audience === "clerk", audience);
  codes = await cardCodes(page);
  check("经办人首页列出本人的支付申请，没有仪表盘", codes.includes("treasury.myRequests") && !codes.includes("budget.execution"), codes.join(","));
  const mine = await page.locator('[data-home-card="treasury.myRequests"] .ant-table-tbody').innerText().catch(() => "");
  check("本人的支付申请金额带千分位", mine.length > 0 && !UNGROUPED.test(mine), mine.slice(0, 200));
  await bothSizes(page, shots, "home-clerk");
  await todoCountMatches(page, base, check, "经办人");

  // ---- the village: its rosters by stage, its to-do
  await context.clearCookies();
  page = await login("village");
  audience = await openHome(page, base);
  codes = await cardCodes(page);
  check("村级审核员的首页有本村清册进度", audience === "clerk" && codes.includes("subsidy.rosterStages"), `${audience} ${codes.join(",")}`);
  await bothSizes(page, shots, "home-village");
  await todoCountMatches(page, base, check, "村级审核员");
  await page.goto(`${base}/subsidy/rosters`);
  await page.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 }).catch(() => undefined);
  const rosters = await page.locator(".ant-table-tbody").innerText().catch(() => "");
  check("清册列表金额带千分位", rosters.length > 0 && !UNGROUPED.test(rosters), rosters.match(UNGROUPED)?.[0] ?? "");
}
