// 系统设置 as the district administrator meets it: every rule read in Chinese (no keys, no JSON), a
// threshold set through its form (债务率预警线: three labelled boxes), a grade table (绩效评价结果应用规则:
// grades × 最大增减/强制/提示语), a step's time limit by the step's Chinese name, a bank file layout by
// its columns, a field the rule refuses shown on the field, and the district's values restored after;
// last, the accounts and their roles exported from 用户管理 for the auditors.
import { button, downloadedSheet } from "./_helpers.mjs";

export const title = "系统设置：按表单修改规则，中文显示";

/** English words a person should not read in the settings table (product and file names excepted). */
const ENGLISH = /\b(?!Excel\b|CSV\b|PDF\b|TOTP\b)[A-Za-z]{3,}\b/g;

/** The row whose name (first cell) starts with `name`: descriptions mention other rules' names. */
async function rowOf(page, name) {
  return page.locator(".ant-table-row").filter({ has: page.locator("td:first-child", { hasText: name }) }).first();
}

async function edit(page, name) {
  await (await rowOf(page, name)).getByRole("button", { name: /修\s*改/ }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`修改：${name.replace(/[()（）]/g, ".")}`) });
  await dialog.waitFor();
  return dialog;
}

async function saved(page, dialog) {
  await button(dialog, "保存").click();
  await dialog.waitFor({ state: "hidden", timeout: 30_000 });
  await page.waitForTimeout(300);
}

async function restore(page, name) {
  await (await rowOf(page, name)).getByRole("button", { name: /恢复继承/ }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: "恢复" });
  await confirm.getByRole("button", { name: /恢\s*复/ }).click();
  // Until the confirmation has gone, its mask takes the next click (a busy machine closes it slowly).
  await confirm.waitFor({ state: "hidden", timeout: 30_000 });
  await page.waitForTimeout(300);
}

export async function run({ base, check, shots, login }) {
  const page = await login("admin");
  await page.goto(`${base}/settings`);
  await page.locator(".ant-table-row").first().waitFor({ timeout: 60_000 });
  const table = await page.locator(".ant-table").first().innerText();
  const english = [...new Set(table.match(ENGLISH) ?? [])];
  check("系统设置的名称、说明和当前值都是中文（无键名、无 JSON）", english.length === 0 && !table.includes("{"), english.join(", "));
  await page.screenshot({ path: `${shots}/settings-1440.png`, fullPage: true });

  // 债务率预警线: three labelled boxes; a word in a number box is refused on that box and nothing is saved.
  let dialog = await edit(page, "债务率预警线");
  check("预警线按黄线、橙线、红线三个输入框修改", (await dialog.getByLabel("黄线").count()) === 1 && (await dialog.getByLabel("红线").count()) === 1);
  await dialog.getByLabel("黄线").fill("一百三");
  await button(dialog, "保存").click();
  await dialog.getByText("黄线须为数字").waitFor({ timeout: 10_000 });
  check("填错的数值在该输入框下说明原因", true);
  await dialog.getByLabel("黄线").fill("130");
  await saved(page, dialog);
  let row = await (await rowOf(page, "债务率预警线")).innerText();
  check("保存后当前值为“黄线 130%”，来源为本级设置", row.includes("黄线 130%") && row.includes("本级设置"), row);
  await restore(page, "债务率预警线");
  row = await (await rowOf(page, "债务率预警线")).innerText();
  check("恢复继承后回到系统默认（黄线 120%）", row.includes("黄线 120%") && row.includes("系统默认"), row);

  // 绩效评价结果应用规则: a table of grades; 优 has no limit (empty box), 差 is enforced.
  dialog = await edit(page, "绩效评价结果应用规则");
  check("结果应用规则按等级 × 最大增减/强制/提示语的表格修改", (await dialog.getByLabel("优的最大增减").count()) === 1 && (await dialog.getByLabel("差的强制").count()) === 1);
  check("优的最大增减为空，读作不限", (await dialog.getByLabel("优的最大增减").inputValue()) === "");
  await dialog.getByLabel("中的最大增减").fill("-5");
  await saved(page, dialog);
  row = await (await rowOf(page, "绩效评价结果应用规则")).innerText();
  check("保存后当前值写出“中：最大增减 -5%”", row.includes("中：最大增减 -5%"), row);
  await restore(page, "绩效评价结果应用规则");

  // 办理时限: each step by its flow's and step's Chinese names, the default beside.
  dialog = await edit(page, "办理时限");
  const stepLabel = dialog.getByLabel(/预算单位登记 · /).first();
  check("办理时限按流程环节的中文名称逐项填写", (await stepLabel.count()) === 1);
  await stepLabel.fill("7");
  await saved(page, dialog);
  row = await (await rowOf(page, "办理时限")).innerText();
  check("保存后当前值写出环节名称和工作日数", /预算单位登记 · .+：7 个工作日/.test(row), row);
  await restore(page, "办理时限");

  // 代发银行文件格式: banks with their columns, not JSON.
  dialog = await edit(page, "代发银行文件格式");
  check("代发银行文件格式按银行逐列编辑", (await dialog.getByLabel("第 1 列表头").count()) >= 1 && (await dialog.getByLabel("银行名称").count()) >= 1);
  await page.screenshot({ path: `${shots}/settings-bank-layouts.png` });
  await button(dialog, "取消").click();
  await dialog.waitFor({ state: "hidden" });

  // 用户管理 › 导出 Excel: every account of the filter with its roles in Chinese.
  await page.goto(`${base}/users?role=cashier`);
  await page.locator(".ant-table-row").first().waitFor({ timeout: 60_000 });
  const shown = await page.locator(".ant-table-row").count();
  const usersFile = await downloadedSheet(page, page);
  const [usersHeader = [], ...userRows] = usersFile.rows;
  check(
    "用户管理导出 Excel：按查询条件列出出纳账户，角色为中文",
    usersFile.name === "用户及角色清单.xlsx" && userRows.length === shown && userRows.every((r) => String(r[usersHeader.indexOf("角色")]).split("、").includes("出纳")),
    `${usersFile.name} 页面 ${shown} 行 ${usersFile.rows.map((r) => r.join("|")).join(" / ").slice(0, 300)}`,
  );
  await page.screenshot({ path: `${shots}/settings-users-export.png` });
}
