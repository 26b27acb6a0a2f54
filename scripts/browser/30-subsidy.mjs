// 惠农补贴“一卡通” as users walk it on the demo data: the village imports a roster with planted
// errors and reads the findings, fixes it and passes village review; the township passes it into
// the public notice, prints the notice and records (and settles) an objection; the district approves
// 幸福村's roster whose notice is over, the cashier pays it, imports a bank result with a failure,
// corrects the card and pays that person again, and exports the roster's 发放台账 (numbers masked); the
// person then queries it at /kiosk with the on-screen number pad. The spreadsheets are made here with
// exceljs, as the server reads them.
import ExcelJS from "exceljs";
import { chinaToday, downloadedSheet } from "./_helpers.mjs";

export const title = "惠农补贴：清册检查、审核公示、发放重发、触摸屏查询";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident ID with the fictional address 329901 and a valid check character (GB 11643). */
function residentId(birth, sequence) {
  const first17 = `329901${birth}${String(sequence % 1000).padStart(3, "0")}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first17 + "10X98765432"[sum % 11];
}
/** The prefix completed with its Luhn check digit. */
function luhn(prefix) {
  for (let d = 0; d <= 9; d++) {
    const c = `${prefix}${d}`;
    let sum = 0;
    for (let i = 0; i < c.length; i++) {
      let v = Number(c[c.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return c;
  }
  throw new Error("unreachable");
}
/** The demo's n-th person's ID (server/src/subsidy/demoPersonal.ts generates them the same way). */
const demoPersonId = (n) => residentId(`19${45 + ((n * 7) % 40)}0${1 + (n % 9)}1${n % 9}`, 100 + n * 2 + (n % 2));

async function workbook(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("清册");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The roster's year (a re-run on the same server may pass another year: one roster per item and period). */
const PERIOD = process.env.XC_SUBSIDY_FLOW_YEAR ?? "2026";
const HEADER = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];

export async function run({ context, base, check, shots, login }) {
  /** Another user at the same browser: the session ends (cookies cleared), then the login page. */
  const switchTo = async (username, page) => {
    await context.clearCookies();
    return login(username, page);
  };
  const people = [1, 2, 3].map((i) => ({ name: ["田野", "石磊", "向阳"][i - 1], id: residentId(`1972030${i}`, 700 + i), card: luhn(`62309977${String(i).padStart(10, "0")}`) }));
  const row = (i, p, over = {}) => [String(i), over.name ?? p.name, over.id ?? p.id, p.card, "青禾农商行", "东风村", "1", "3000.00", over.amount ?? "3000.00", ""];
  const withErrors = await workbook([HEADER, row(1, people[0], { name: "" }), row(2, people[1], { id: `${people[1].id.slice(0, 16)}99` }), row(3, people[2], { amount: "3000.01" })]);
  const corrected = await workbook([HEADER, row(1, people[0]), row(2, people[1]), row(3, people[2])]);

  // ---- the village imports a roster with planted errors and reads the findings
  const page = await login("village");
  await page.goto(`${base}/subsidy/rosters`);
  await page.getByRole("button", { name: "导入清册" }).click();
  const importer = page.locator(".ant-modal").filter({ hasText: "导入补贴发放清册" });
  await importer.locator(".ant-select").first().click();
  await page.locator(".ant-select-item-option").filter({ hasText: "农机购置补贴" }).click();
  await importer.locator("input#period").fill(PERIOD);
  await importer.locator("input[type=file]").setInputFiles({ name: "东风村农机购置补贴.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: withErrors });
  await importer.getByRole("button", { name: "导入并检查" }).click();
  const findings = page.locator(".ant-modal").filter({ hasText: "检查结果" });
  await findings.waitFor({ timeout: 60_000 });
  const findingsText = await findings.innerText();
  check("导入后列出每行的检查结果", findingsText.includes("错误 3 项") && findingsText.includes("姓名为空") && findingsText.includes("身份证号无效") && findingsText.includes("金额与标准不符"), findingsText.slice(0, 300));
  check("检查结果标出表格自己的行号", /\n2\s/.test(findingsText) && /\n4\s/.test(findingsText), findingsText.slice(0, 300));
  await page.screenshot({ path: `${shots}/subsidy-01-findings.png` });
  await findings.getByRole("button", { name: "查看清册" }).click();
  await page.waitForURL(/\/subsidy\/rosters\/[0-9a-f-]{36}$/);
  const rosterUrl = page.url();

  // ---- fix: the corrected file replaces the lines; then the village review
  await page.locator("input[type=file]").first().setInputFiles({ name: "东风村农机购置补贴（改正）.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: corrected });
  const recheck = page.locator(".ant-modal").filter({ hasText: "检查结果" });
  await recheck.waitFor({ timeout: 60_000 });
  check("改正后重新导入，检查全部通过", (await recheck.innerText()).includes("错误 0 项"), await recheck.innerText());
  await recheck.getByRole("button", { name: /关\s*闭/ }).last().click();
  await page.getByRole("button", { name: "提交村级审核" }).click();
  await page.getByRole("button", { name: "村级审核通过" }).click();
  await page.locator(".ant-card-head").filter({ hasText: "当前环节" }).getByText("乡镇审核").waitFor({ timeout: 30_000 });
  check("村级审核通过后到乡镇审核", true);
  await page.screenshot({ path: `${shots}/subsidy-02-village-reviewed.png`, fullPage: true });

  // ---- the township approves into the public notice, prints it, records an objection
  await switchTo("subsidy", page);
  await page.goto(rosterUrl);
  await page.getByRole("button", { name: "乡镇审核通过，进入公示" }).click();
  await page.locator(".ant-card-head").filter({ hasText: "当前环节" }).getByText("公示中").waitFor({ timeout: 30_000 });
  check("乡镇审核通过后进入公示", true);
  await page.getByRole("button", { name: "公示表" }).click();
  await page.waitForURL(/\/notice$/);
  await page.getByText("向阳").first().waitFor({ timeout: 30_000 });
  const notice = await page.locator("body").innerText();
  check("公示表列出姓名、隐去中间位的身份证号和金额，并写明如何反映异议", notice.includes("田野") && notice.includes(`${people[0].id.slice(0, 6)}********${people[0].id.slice(-4)}`) && !notice.includes(people[0].id) && notice.includes("3,000.00") && notice.includes("异议"), notice.slice(0, 400));
  await page.screenshot({ path: `${shots}/subsidy-03-notice.png`, fullPage: true });
  await page.goto(rosterUrl);
  await page.getByRole("tab", { name: "公示异议" }).click();
  await page.getByRole("button", { name: "登记异议" }).click();
  const objection = page.locator(".ant-modal").filter({ hasText: "登记异议" });
  await objection.getByLabel("清册行号").fill("3");
  await objection.getByLabel("反映人（实名）").fill("村民张某");
  await objection.getByLabel("异议理由").fill("该户农机为租用，不应享受购置补贴");
  await objection.getByRole("button", { name: /登\s*记/ }).click();
  await page.getByText("待处理（暂停发放）").waitFor({ timeout: 30_000 });
  check("公示期内登记异议，该人员暂停发放", true);
  await page.getByRole("button", { name: /处\s*理/ }).first().click();
  const resolve = page.locator(".ant-modal").filter({ hasText: "处理异议" });
  await resolve.getByText("异议不成立，照常发放").click();
  await resolve.getByLabel("核实情况").fill("经核实购置发票为本人所有，异议不成立");
  await resolve.getByRole("button", { name: /保\s*存/ }).click();
  await page.screenshot({ path: `${shots}/subsidy-04a-objection-saving.png` });
  await resolve.waitFor({ state: "hidden", timeout: 30_000 });
  const settled = page.getByRole("tabpanel").locator(".ant-table-row").filter({ hasText: "经核实购置发票为本人所有" });
  await settled.waitFor({ timeout: 30_000 });
  check("异议核实后登记处理结果", (await settled.innerText()).includes("异议不成立"), await settled.innerText());
  await page.screenshot({ path: `${shots}/subsidy-04-objection.png`, fullPage: true });

  // ---- the district approves 幸福村's roster whose notice is over (reserving the indicator)
  await switchTo("supervisor", page);
  // 青禾镇幸福村 (329901101204): every township now has rosters waiting for the district.
  await page.goto(`${base}/subsidy/rosters?status=districtReview&villageCode=329901101204`);
  await page.getByRole("link", { name: "耕地地力保护补贴" }).first().click();
  await page.waitForURL(/\/subsidy\/rosters\/[0-9a-f-]{36}$/);
  const payUrl = page.url();
  await page.getByRole("button", { name: "区财政审核通过（占用指标）" }).click();
  await page.locator(".ant-card-head").filter({ hasText: "当前环节" }).getByText("发放中").waitFor({ timeout: 30_000 });
  check("区财政审核通过，清册进入发放", true);

  // ---- the cashier pays: batch, bank file, a result with one failure
  await switchTo("cashier", page);
  await page.goto(payUrl);
  await page.getByRole("tab", { name: "发放" }).click();
  await page.getByRole("button", { name: "生成发放批次" }).click();
  await page.getByText(/已生成批次/).waitFor({ timeout: 30_000 });
  const bankFile = async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "银行文件" }).first().click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const rows = [];
    wb.worksheets[0].eachRow((r) => rows.push(r.values.slice(1).map((v) => String(v ?? ""))));
    return rows;
  };
  const sent = await bankFile();
  check("银行文件每人一行、各有参考号", sent.length === 9 && sent[0][0] === "参考号" && new Set(sent.slice(1).map((r) => r[0])).size === 8, JSON.stringify(sent.slice(0, 2)));
  const failedName = sent[1][1];
  const result = await workbook([["参考号", "户名", "处理结果", "失败原因", "入账日期"], ...sent.slice(1).map((r, i) => [r[0], r[1], i === 0 ? "失败" : "成功", i === 0 ? "账户已销户" : "", i === 0 ? "" : chinaToday()])]);
  await page.getByRole("tabpanel").locator(".ant-table-row").first().locator("input[type=file]").setInputFiles({ name: "回盘.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: result });
  const report = page.locator(".ant-modal").filter({ hasText: "回盘已导入" });
  await report.waitFor({ timeout: 60_000 });
  const reportText = await report.innerText();
  check("导入回盘：7 人成功，1 人失败进入重发名单", reportText.includes("新成功 7 人") && reportText.includes("新失败 1 人"), reportText);
  await page.screenshot({ path: `${shots}/subsidy-05-bank-result.png`, fullPage: true });
  await report.getByRole("button").last().click();

  // ---- re-pay the failed person after correcting the card
  await page.getByRole("tab", { name: "清册明细" }).click();
  const failedRow = page.getByRole("tabpanel").locator(".ant-table-row").filter({ hasText: "发放失败" });
  await failedRow.getByRole("button", { name: "改卡" }).click();
  const cardModal = page.locator(".ant-modal").filter({ hasText: "改正银行卡号" });
  await cardModal.getByLabel("新的银行卡号").fill(luhn("623099660000000001"));
  await cardModal.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText("已改卡").waitFor({ timeout: 30_000 });
  await page.getByRole("tab", { name: "发放" }).click();
  await page.getByRole("button", { name: "生成重发批次（失败改卡后）" }).click();
  // The list shows the new batch first once it is made (the first batch's message may still be up).
  await page.getByRole("tabpanel").locator(".ant-table-row").nth(1).waitFor({ timeout: 60_000 });
  const again = await bankFile();
  check("重发批次只含改卡后的那一人", again.length === 2 && again[1][1] === failedName, JSON.stringify(again));
  const repaid = await workbook([["参考号", "户名", "处理结果", "失败原因", "入账日期"], [again[1][0], again[1][1], "成功", "", chinaToday()]]);
  await page.getByRole("tabpanel").locator(".ant-table-row").first().locator("input[type=file]").setInputFiles({ name: "重发回盘.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: repaid });
  const report2 = page.locator(".ant-modal").filter({ hasText: "回盘已导入" });
  await report2.waitFor({ timeout: 60_000 });
  check("重发成功", (await report2.innerText()).includes("新成功 1 人"), await report2.innerText());
  await report2.getByRole("button").last().click();
  await page.getByRole("tab", { name: "清册明细" }).click();
  await page.getByRole("tabpanel").locator(".ant-table-row").filter({ hasText: failedName }).getByText("已发放").waitFor({ timeout: 30_000 });
  check("重发后该人员显示已发放", true);
  await page.screenshot({ path: `${shots}/subsidy-06-repaid.png`, fullPage: true });

  // ---- the roster's lines exported as its 发放台账: everyone paid, ID and card numbers masked
  const ledger = await downloadedSheet(page, page.getByRole("tabpanel"));
  await page.screenshot({ path: `${shots}/subsidy-06b-ledger-export.png` });
  const [ledgerHeader = [], ...ledgerRows] = ledger.rows;
  const cell = (r, name) => String(r[ledgerHeader.indexOf(name)] ?? "");
  const newCard = luhn("623099660000000001");
  const repaidRow = ledgerRows.find((r) => cell(r, "姓名") === failedName) ?? [];
  check(
    "清册导出发放台账：8 人均已发放，身份证号和银行卡号均为掩码",
    ledger.name.includes("发放台账") && ledgerRows.length === 8 && ledgerRows.every((r) => cell(r, "发放状态") === "已发放" && /^[0-9]{6}\*{8}[0-9X]{4}$/.test(cell(r, "身份证号")) && /^\*{4}[0-9]{4}$/.test(cell(r, "银行卡号"))) &&
      cell(repaidRow, "银行卡号") === `****${newCard.slice(-4)}` && !ledger.rows.flat().some((v) => /[0-9]{15}/.test(String(v ?? ""))),
    `${ledger.name} ${ledger.rows.slice(0, 3).map((r) => r.join("|")).join(" / ")}`,
  );

  // ---- the recipients' register (补贴对象名册) exported with its filter: as many as the list counts, masked
  await page.goto(`${base}/subsidy/recipients?villageCode=329901101204`);
  await page.locator(".ant-table-row").first().waitFor({ timeout: 60_000 });
  const listed = Number((await page.locator(".ant-pagination-total-text").innerText()).replace(/[^0-9]/g, ""));
  const register = await downloadedSheet(page, page);
  const [registerHeader = [], ...registerRows] = register.rows;
  check(
    "补贴对象名册导出 Excel：按村筛选，人数与列表一致，身份证号为掩码",
    register.name === "补贴对象名册.xlsx" && registerRows.length === listed && listed > 0 && new Set(registerRows.map((r) => r[registerHeader.indexOf("村（居）")])).size === 1 &&
      registerRows.every((r) => /^[0-9]{6}\*+[0-9Xx]{4}$/.test(String(r[registerHeader.indexOf("身份证号")]))) && !register.rows.flat().some((v) => /[0-9]{15}/.test(String(v ?? ""))),
    `${register.name} 列表 ${listed} 人 ${register.rows.slice(0, 3).map((r) => r.join("|")).join(" / ")}`,
  );
  await page.screenshot({ path: `${shots}/subsidy-06c-recipients-export.png` });

  // ---- the person queries it at the service-hall kiosk with the on-screen number pad
  const kiosk = page;
  await kiosk.goto(`${base}/kiosk`);
  await kiosk.getByRole("button", { name: /查询我的补贴/ }).click();
  // The first line of 幸福村's roster is the demo's person 25.
  const id = demoPersonId(25);
  for (const ch of id) await kiosk.locator(".kiosk-pad").getByRole("button", { name: ch, exact: true }).click();
  check("数字键盘输入身份证号", (await kiosk.locator(".kiosk-input").first().inputValue()) === id);
  await kiosk.locator(".kiosk-input").nth(1).fill(failedName);
  await kiosk.screenshot({ path: `${shots}/subsidy-07-kiosk-pad.png` });
  await kiosk.getByRole("button", { name: "查询", exact: true }).click();
  await kiosk.getByRole("heading", { name: "查询结果" }).waitFor({ timeout: 60_000 });
  const answer = await kiosk.locator(".kiosk").innerText();
  check("触摸屏查到该人员的耕地地力保护补贴已发放", answer.includes("耕地地力保护补贴") && answer.includes("已发放") && answer.includes("2026"), answer.slice(0, 400));
  await kiosk.screenshot({ path: `${shots}/subsidy-08-kiosk-result.png` });
}
