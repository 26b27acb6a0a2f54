// Fund supervision as its users would work it in the browser. The district supervisor runs the rules
// and sees every township's alerts; the 青禾镇 director sees only the township's alerts, opens a new one
// (the card shared by two households in the demo), confirms it, plans the measures and records the
// rectification with an evidence file; the supervisor opens it, reads the evidence, and closes it
// (销号); the report shows the figures and the chart, exports Excel and prints. It changes only that
// one alert of the demo.
export const title = "资金监管：运行规则、整改、销号、报告";

const button = (scope, text) => scope.getByRole("button", { name: new RegExp(text.split("").join("\\s*")) });
const PDF = Buffer.from("%PDF-1.4\n% 整改佐证材料（浏览器测试）\n%%EOF\n");

export async function run({ context, base, check, shots, login }) {
  // ---- the district supervisor runs the rules and sees every township
  const supervisor = await login("supervisor");
  await supervisor.goto(`${base}/supervision/alerts`);
  await supervisor.locator("tr.ant-table-row").first().waitFor({ timeout: 60_000 });
  let body = await supervisor.locator("body").innerText();
  check("监管员看到全区的监管预警", body.includes("拆分支付规避审批") && body.includes("乡镇"), body.slice(0, 300));
  check("超期未办的预警标红", (await supervisor.locator("tr.xc-row-overdue").count()) > 0);
  await button(supervisor, "运行监管规则").click();
  const run = supervisor.getByRole("dialog", { name: "运行监管规则" });
  await button(run, "运行").click();
  await supervisor.getByText(/已运行 10 条规则/).first().waitFor({ timeout: 120_000 });
  check("运行全部监管规则并报告结果", true);
  await supervisor.screenshot({ path: `${shots}/supervision-01-alerts.png`, fullPage: true });

  // ---- the township director: only 青禾镇's alerts; takes a new one (the card shared by two households)
  // from 待核实: confirms it, plans the measures, and records the rectification with an evidence file
  await context.clearCookies();
  const director = await login("director");
  await director.goto(`${base}/supervision/alerts?status=verifying&rule=CARD_SHARED`);
  const row = director.locator("tr.ant-table-row", { hasText: "一卡多户领取补贴" }).first();
  await row.waitFor({ timeout: 60_000 });
  const list = await director.request.get(`${base}/api/v1/supervision/alerts?pageSize=100`);
  const regions = new Set((await list.json()).items.map((a) => a.regionCode));
  check("所长只看到本镇的预警", regions.size === 1 && regions.has("329901101"), [...regions].join(","));
  await row.locator("a").first().click();
  await director.getByText("为什么要关注").waitFor({ timeout: 60_000 });
  body = await director.locator("body").innerText();
  check("预警详情列出证据和涉及的清册行", body.includes("银行卡") && body.includes("证据") && body.includes("涉及对象") && body.includes("首问负责人"));
  const step = async (action, note, next) => {
    await button(director, action).first().click();
    const dialog = director.getByRole("dialog", { name: action });
    await dialog.locator("textarea").fill(note);
    await button(dialog, action).click();
    await director.getByText(next).first().waitFor({ timeout: 60_000 });
  };
  await step("核实属实", "经村委会入户核实，两户老人的津贴打入同一张银行卡，系代领，未经本人同意。", "已核实待整改");
  await step("制定整改措施", "由村委会为两位老人分别办理本人社保卡，追回代领款项并发放到本人卡上。", "整改中");
  check("所长核实预警属实并制定整改措施，预警转入整改", (await director.locator("body").innerText()).includes("整改事项"));
  await button(director, "提交整改情况").click();
  const rectify = director.getByRole("dialog", { name: "提交整改情况" });
  await rectify.locator("textarea").fill("已为两位老人分别办理本人社保卡，代领款项已追回并发放到本人卡上。");
  await rectify.locator("input[type=file]").setInputFiles({ name: "整改报告.pdf", mimeType: "application/pdf", buffer: PDF });
  await rectify.getByText("整改报告.pdf").waitFor({ timeout: 30_000 });
  await director.waitForTimeout(800);
  await button(rectify, "提交区财政局销号").click();
  await director.getByText("整改待销号").first().waitFor({ timeout: 60_000 });
  check("所长提交整改情况和佐证材料", (await director.locator("body").innerText()).includes("整改报告.pdf"));
  await director.screenshot({ path: `${shots}/supervision-02-rectified.png`, fullPage: true });
  const alertUrl = director.url();

  // ---- the supervisor closes it
  await context.clearCookies();
  const again = await login("supervisor");
  await again.goto(alertUrl);
  await button(again, "销号").first().waitFor({ timeout: 60_000 });
  check("监管员看到整改情况和佐证材料", (await again.locator("body").innerText()).includes("整改报告.pdf"));
  await button(again, "销号").first().click();
  const close = again.getByRole("dialog", { name: "销号" });
  await close.locator("textarea").fill("整改到位，同意销号。");
  await button(close, "销号").click();
  await again.getByText("已销号").first().waitFor({ timeout: 60_000 });
  check("监管员销号，预警办结", true);
  await again.screenshot({ path: `${shots}/supervision-03-closed.png`, fullPage: true });

  // ---- the report: figures, chart, Excel, print
  await again.goto(`${base}/supervision/report`);
  await again.locator("canvas").first().waitFor({ timeout: 60_000 });
  await again.waitForTimeout(800);
  body = await again.locator("body").innerText();
  check("监管报告显示整改率和按规则统计", body.includes("整改率") && body.includes("按规则") && body.includes("超期未办"));
  await again.screenshot({ path: `${shots}/supervision-04-report.png`, fullPage: true });
  const downloading = again.waitForEvent("download");
  await button(again, "导出 Excel").click();
  const file = await downloading;
  check("监管报告导出 Excel", file.suggestedFilename().endsWith(".xlsx"), file.suggestedFilename());
  const printing = context.waitForEvent("page");
  await button(again, "打印").click();
  const print = await printing;
  await print.getByText("财政资金监管情况报告").waitFor({ timeout: 60_000 });
  check("打印页有签字栏", (await print.locator("body").innerText()).includes("监管员（签字）"));
  await print.screenshot({ path: `${shots}/supervision-05-print.png`, fullPage: true });
}
