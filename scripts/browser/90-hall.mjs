// The service hall (服务大厅) as its users would work it in the browser. 青禾镇's 惠农补贴专管员 opens the
// matters from the menu, accepts a resident's policy question at the window (受理登记), prints the
// acceptance slip, answers the question (答复办结) and records the follow-up (回访); finds the matter again
// by its number and by the resident's ID number, filters the overdue ones, exports the register and reads
// it back, imports matters from Excel (a bad sheet refused row by row first); accepts a complaint the
// township cannot answer alone and reports it to the district (上报区财政局). The district supervisor
// sees every township's matters, replies to the reported one (区财政局答复), and reads the figures of
// the year with their charts; the clerk then answers the resident with the district's reply, and the
// resident looks up the first matter's progress at the touch screen with the number on the slip. It
// changes only matters it creates itself.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { button, choose, downloadedSheet } from "./_helpers.mjs";

export const title = "服务大厅：受理登记、受理回执、答复办结与回访、检索导出导入、上报区财政局与答复、办件统计";

/** A valid resident ID number (GB 11643 check character). */
function residentId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

const APPLICANT = "测试群众甲";
const COMPLAINANT = "测试群众乙";
const IMPORTED = "测试群众丙";
// Born 1975-07-01; the sequence digits from the clock keep the number apart from the demo's residents.
const ID_NUMBER = residentId(`32990119750701${String((Date.now() % 900) + 100)}`);

async function sheet(dir, name, rows) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("服务事项");
  ws.addRow(["村（社区）", "姓名", "身份证号", "联系电话", "事项类别", "事项内容"]);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

/** Accepts a matter through 受理登记 and answers its 受理编号; leaves the confirmation open. */
async function accept(page, { category, village, name, idNumber, phone, content, shot }) {
  await button(page, "受理登记").click();
  const dialog = page.getByRole("dialog", { name: "受理登记" });
  await choose(page, dialog, "选择类别", category);
  if (village) await choose(page, dialog, "选择村（社区）", village);
  await dialog.getByLabel("来办人姓名").fill(name);
  if (idNumber) await dialog.getByLabel("身份证号（选填）").fill(idNumber);
  if (phone) await dialog.getByLabel("联系电话（选填）").fill(phone);
  await dialog.getByLabel("事项内容").fill(content);
  if (shot) await page.screenshot({ path: shot });
  await button(dialog, "受理").click();
  const confirm = page.locator(".ant-modal-confirm");
  await confirm.locator(".ant-modal-confirm-title", { hasText: "已受理，受理编号" }).waitFor({ timeout: 60_000 });
  const text = await confirm.locator(".ant-modal-confirm-title").innerText();
  return { confirm, matterNo: /受理编号\s*(\S+)/.exec(text)?.[1] ?? "" };
}

async function search(page, placeholder, text) {
  await page.getByPlaceholder(placeholder).fill(text);
  await button(page, "查询").click();
  await page.waitForTimeout(800);
  await page.locator(".ant-spin-spinning").first().waitFor({ state: "hidden", timeout: 30_000 }).catch(() => undefined);
}

export async function run({ context, base, check, shots, login }) {
  const dir = mkdtempSync(join(tmpdir(), "xiangcai-hall-"));

  // ---------------------------------------------------------------- 青禾镇's window: the list from the menu
  const clerk = await login("subsidy");
  await clerk.locator(".xc-sider").getByText("服务事项", { exact: true }).click();
  await clerk.getByRole("heading", { name: "服务事项" }).waitFor({ timeout: 60_000 });
  await clerk.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  let body = await clerk.locator("body").innerText();
  check("菜单有服务大厅，服务事项列出本镇的事项", body.includes("服务大厅") && body.includes("办件统计") && body.includes("首问负责人") && body.includes("承诺办结时限"), body.slice(0, 300));
  check("超过承诺时限的事项标红", (await clerk.locator("tr.xc-row-overdue").count()) > 0);
  const listed = await (await clerk.request.get(`${base}/api/v1/hall/matters?pageSize=100`)).json();
  check("专管员只看到青禾镇的事项", listed.items.length > 0 && listed.items.every((m) => m.regionCode === "329901101"), [...new Set(listed.items.map((m) => m.regionName))].join(","));
  await clerk.screenshot({ path: `${shots}/hall-01-list.png`, fullPage: true });

  // ---------------------------------------------------------------- 受理登记 and the acceptance slip
  const villages = (await (await clerk.request.get(`${base}/api/v1/org/regions?level=village&pageSize=100`)).json()).items;
  const village = villages[0]?.name;
  const first = await accept(clerk, {
    category: "政策咨询",
    village,
    name: APPLICANT,
    idNumber: ID_NUMBER,
    phone: "13800138000",
    content: "询问今年耕地地力保护补贴的发放标准和发放时间，家中承包地有 6.5 亩。（浏览器测试）",
    shot: `${shots}/hall-01-accept.png`,
  });
  check("受理登记后给出受理编号", first.matterNo.length > 4, first.matterNo);
  await button(first.confirm, "打印受理回执").click();
  await clerk.getByText("服务事项受理回执").waitFor({ timeout: 60_000 });
  await clerk.waitForTimeout(500);
  const slip = await clerk.locator(".xc-slip-sheet").innerText();
  check(
    "受理回执列出编号、来办人、事项、首问负责人和承诺时限",
    slip.includes(first.matterNo) && slip.includes(APPLICANT) && slip.includes("政策咨询") && slip.includes("窗口受理") && slip.includes("首问负责人") && slip.includes("个工作日") && slip.includes("刘芳"),
    slip.slice(0, 400),
  );
  check("受理回执上的身份证号和电话已遮掩", !slip.includes(ID_NUMBER) && !slip.includes("13800138000") && slip.includes(ID_NUMBER.slice(0, 4)), slip.slice(0, 400));
  check("受理回执有签字栏和查询提示", slip.includes("来办人签字") && slip.includes("受理人签字") && slip.includes("凭本回执可在服务大厅查询办理进度"));
  await clerk.screenshot({ path: `${shots}/hall-02-slip.png`, fullPage: true });
  await clerk.emulateMedia({ media: "print" });
  check("打印时不带菜单和按钮", !(await clerk.locator(".xc-sider").first().isVisible()) && !(await button(clerk, "打印").first().isVisible()) && (await clerk.locator(".xc-slip-sheet").isVisible()));
  await clerk.screenshot({ path: `${shots}/hall-03-slip-print.png`, fullPage: true });
  await clerk.emulateMedia({ media: "screen" });

  // ---------------------------------------------------------------- 答复办结 and 回访
  await button(clerk, "返回事项").click();
  await clerk.getByText("事项信息").waitFor({ timeout: 60_000 });
  await button(clerk, "答复办结").click();
  const answer = clerk.getByRole("dialog", { name: /答复办结/ });
  await answer.getByLabel("答复内容").fill("已告知今年耕地地力保护补贴标准为每亩 105 元，预计 6 月底前通过一卡通发放到户，可凭本回执查询。");
  await button(answer, "答复办结").click();
  await clerk.locator(".xc-page-header").getByText("已答复办结").waitFor({ timeout: 60_000 });
  body = await clerk.locator("body").innerText();
  check("答复后事项为已答复办结，列出答复人和是否按时", body.includes("每亩 105 元") && body.includes("按时办结") && body.includes("待回访"), body.slice(0, 400));
  await button(clerk, "回访").click();
  const followUp = clerk.getByRole("dialog", { name: /回访/ });
  await followUp.getByText("满意", { exact: true }).click();
  await followUp.getByLabel("回访情况（选填）").fill("电话回访，群众表示清楚了。");
  await button(followUp, "保存回访").click();
  await clerk.getByText("已办结并回访").waitFor({ timeout: 60_000 });
  check("回访记录满意度", (await clerk.locator("body").innerText()).includes("群众满意度"));
  await clerk.screenshot({ path: `${shots}/hall-04-answered.png`, fullPage: true });

  // ---------------------------------------------------------------- search, filters, export
  await clerk.goto(`${base}/hall/matters`);
  await clerk.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await search(clerk, "受理编号、姓名或事项内容", first.matterNo);
  let rows = clerk.locator("tr.ant-table-row");
  check("按受理编号找到事项", (await rows.count()) === 1 && (await rows.first().innerText()).includes(APPLICANT), await clerk.locator(".ant-table").innerText());
  await clerk.getByPlaceholder("受理编号、姓名或事项内容").fill("");
  await search(clerk, "来办人身份证号", ID_NUMBER);
  rows = clerk.locator("tr.ant-table-row");
  check("按身份证号找到此人的全部事项", (await rows.count()) >= 1 && (await clerk.locator(".ant-table").innerText()).includes(first.matterNo), await clerk.locator(".ant-table").innerText());
  const exported = await downloadedSheet(clerk, clerk);
  const cells = exported.rows.map((r) => r.join("|"));
  check("导出服务事项台账 Excel，含新受理的事项", exported.name.endsWith(".xlsx") && cells.some((r) => r.includes(first.matterNo)) && !cells.some((r) => r.includes(ID_NUMBER)), `${exported.name} ${cells.slice(0, 3).join(" / ")}`);
  await clerk.goto(`${base}/hall/matters?overdue=true`);
  await clerk.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const overdueRows = await clerk.locator("tr.ant-table-row").count();
  check("筛选超期事项，全部标红", overdueRows > 0 && (await clerk.locator("tr.ant-table-row.xc-row-overdue").count()) === overdueRows, String(overdueRows));
  await clerk.screenshot({ path: `${shots}/hall-05-overdue.png`, fullPage: true });

  // ---------------------------------------------------------------- import from Excel: a bad sheet, then a good one
  await clerk.goto(`${base}/hall/matters`);
  await clerk.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  await button(clerk, "导入 Excel").click();
  const importing = clerk.getByRole("dialog").filter({ hasText: "从 Excel 导入服务事项" });
  const bad = await sheet(dir, "服务事项-有错.xlsx", [
    [village ?? "", IMPORTED, "", "13900139000", "补贴发放查询", "查询去年农机购置补贴是否已经发放。（浏览器测试导入）"],
    [village ?? "", "测试群众丁", ID_NUMBER.slice(0, 17) + (ID_NUMBER.endsWith("0") ? "1" : "0"), "", "政策咨询", "咨询低保政策。"],
    [village ?? "", "测试群众戊", "", "12345", "其他事项", "咨询。"],
  ]);
  await importing.locator("input[type=file]").setInputFiles(bad);
  await importing.getByText("未导入任何数据").waitFor({ timeout: 60_000 });
  const errors = await importing.innerText();
  check("有错的表格整表不导入，逐行指出错误", errors.includes("第3行") && errors.includes("第4行") && !errors.includes("第2行"), errors);
  await clerk.screenshot({ path: `${shots}/hall-06-import-errors.png` });
  const good = await sheet(dir, "服务事项.xlsx", [[village ?? "", IMPORTED, "", "13900139000", "补贴发放查询", "查询去年农机购置补贴是否已经发放。（浏览器测试导入）"]]);
  await importing.locator("input[type=file]").setInputFiles(good);
  await clerk.getByText(/已导入 1 件事项/).waitFor({ timeout: 60_000 });
  await search(clerk, "受理编号、姓名或事项内容", IMPORTED);
  check("导入的事项列在服务事项中", (await clerk.locator(".ant-table").innerText()).includes(IMPORTED));

  // ---------------------------------------------------------------- a complaint reported to the district
  await clerk.goto(`${base}/hall/matters`);
  await clerk.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const second = await accept(clerk, {
    category: "投诉举报",
    village,
    name: COMPLAINANT,
    phone: "0571-88881234",
    content: "反映本村道路养护资金使用情况不公开，要求公开明细。（浏览器测试）",
  });
  await button(second.confirm, "关闭").click();
  await search(clerk, "受理编号、姓名或事项内容", second.matterNo);
  await clerk.locator("tr.ant-table-row").first().getByText(second.matterNo).click();
  await clerk.getByText("事项信息").waitFor({ timeout: 60_000 });
  await button(clerk, "上报区财政局").click();
  const reportDialog = clerk.getByRole("dialog", { name: /上报区财政局/ });
  await reportDialog.locator("textarea").fill("涉及区级道路养护资金的分配，乡镇无权答复，请区财政局答复资金分配和公开要求。");
  await button(reportDialog, "上报区财政局").click();
  await clerk.locator(".xc-page-header").getByText("已上报区财政局").waitFor({ timeout: 60_000 });
  check("专管员把乡镇不能答复的事项上报区财政局", (await clerk.locator("body").innerText()).includes("等待区财政局答复"));
  const reportedUrl = clerk.url();

  // ---------------------------------------------------------------- the district: every township, the reply, the figures
  await context.clearCookies();
  const supervisor = await login("supervisor");
  await supervisor.goto(`${base}/hall/matters`);
  await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  const all = await (await supervisor.request.get(`${base}/api/v1/hall/matters?pageSize=100`)).json();
  const townships = new Set(all.items.map((m) => m.regionName));
  check("区财政局看到各乡镇的服务事项", townships.size > 1 && (await supervisor.locator(".ant-table thead").innerText()).includes("乡镇"), [...townships].join(","));
  await supervisor.screenshot({ path: `${shots}/hall-07-district-list.png`, fullPage: true });
  await supervisor.goto(`${base}/hall/matters?status=reported`);
  await supervisor.locator("tr.ant-table-row", { hasText: second.matterNo }).waitFor({ timeout: 60_000 });
  await supervisor.locator("tr.ant-table-row", { hasText: second.matterNo }).getByText(second.matterNo).click();
  await button(supervisor, "区财政局答复").waitFor({ timeout: 60_000 });
  check("区财政局看到乡镇的上报说明", (await supervisor.locator("body").innerText()).includes("乡镇无权答复"));
  await button(supervisor, "区财政局答复").click();
  const reply = supervisor.getByRole("dialog", { name: /区财政局答复/ });
  await reply.locator("textarea").fill("道路养护资金按里程分配到村，明细将在区政府网站公开，请乡镇据此答复群众。");
  await button(reply, "区财政局答复").click();
  await supervisor.locator(".xc-page-header").getByText("办理中").waitFor({ timeout: 60_000 });
  check("区财政局答复后事项回到乡镇办理", (await supervisor.locator("body").innerText()).includes("按里程分配到村"));
  await supervisor.screenshot({ path: `${shots}/hall-08-district-reply.png`, fullPage: true });

  await supervisor.goto(`${base}/hall/stats`);
  await supervisor.locator("canvas").first().waitFor({ timeout: 60_000 });
  await supervisor.waitForTimeout(1000);
  body = await supervisor.locator("body").innerText();
  check("办件统计显示受理、办结、按时办结率和满意率", ["受理（件）", "办结（件）", "按时办结率", "超期在办", "满意率"].every((t) => body.includes(t)), body.slice(0, 400));
  check("区财政局并列比较各乡镇并绘图", body.includes("各乡镇办件情况") && body.includes("青禾镇") && (await supervisor.locator("canvas").count()) >= 3, String(await supervisor.locator("canvas").count()));
  await supervisor.screenshot({ path: `${shots}/hall-09-stats.png`, fullPage: true });

  // ---------------------------------------------------------------- the clerk answers the resident with the reply
  await context.clearCookies();
  const again = await login("subsidy");
  await again.goto(reportedUrl);
  await button(again, "答复办结").click();
  const final = again.getByRole("dialog", { name: /答复办结/ });
  check("答复时看到区财政局的答复", (await final.innerText()).includes("按里程分配到村"));
  await final.getByLabel("答复内容").fill("已按区财政局答复告知：道路养护资金按里程分配到村，明细在区政府网站公开。");
  await button(final, "答复办结").click();
  await again.locator(".xc-page-header").getByText("已答复办结").waitFor({ timeout: 60_000 });
  const closed = await again.locator("body").innerText();
  check("乡镇据区财政局答复办结事项", closed.includes("道路养护资金按里程分配到村，明细在区政府网站公开") && closed.includes("已答复办结"), closed.slice(0, 300));

  // ---------------------------------------------------------------- the resident asks at the touch screen
  await again.goto(`${base}/kiosk`);
  await again.getByRole("button", { name: /查询办理进度/ }).waitFor({ timeout: 30_000 });
  await again.screenshot({ path: `${shots}/hall-10a-kiosk-home.png` });
  await again.getByRole("button", { name: /查询办理进度/ }).click();
  for (const ch of first.matterNo.replace(/[^0-9]/g, "")) await again.locator(".kiosk-pad").getByRole("button", { name: ch, exact: true }).click();
  check("触摸屏用数字键输入受理编号", (await again.getByLabel("受理编号").inputValue()) === first.matterNo, await again.getByLabel("受理编号").inputValue());
  await again.getByLabel("来办人姓名").fill(APPLICANT);
  await again.getByRole("button", { name: "查询", exact: true }).click();
  await again.locator(".kiosk-table").waitFor({ timeout: 30_000 });
  const progress = await again.locator(".kiosk-table").innerText();
  check("群众在触摸屏查到办理进度（已办结），不显示答复内容", progress.includes(first.matterNo) && progress.includes("政策咨询") && progress.includes("已办结") && !progress.includes("每亩 105 元"), progress);
  await again.screenshot({ path: `${shots}/hall-10b-kiosk-progress.png` });
}
