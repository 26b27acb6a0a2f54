// Every page of the side menu, for every demo role, at 1440×900 and 1280×720: screenshots to look at
// (issue 10: "screenshots of every page for every role looked at"), and a report of what a person
// should never meet: script errors, error toasts, raw codes (MISSING_AUX), English words in the page,
// and tables wider than their card. `npm run build && node scripts/screens.mjs [username …]`; the
// screenshots go to .tmp/screens/<user>/<size>-<page>.png, the report to .tmp/screens/report.txt.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, ".tmp/screens");
mkdirSync(out, { recursive: true });
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(join(root, "packages/web/dist/index.html"))) {
  console.error("网页尚未构建：先运行 npm run build");
  process.exit(2);
}
const users = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["director", "budget", "unitacct", "subsidy", "cashier", "archivist", "unitclerk", "congress", "village", "supervisor", "admin", "auditor", "director2", "budget2"];
const sizes = [
  { name: "1440", width: 1440, height: 900 },
  { name: "1280", width: 1280, height: 720 },
];

const dataDir = mkdtempSync(join(tmpdir(), "xiangcai-screens-"));
const port = String(3700 + Math.floor(Math.random() * 200));
const server = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
  cwd: root,
  env: { ...process.env, XIANGCAI_DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1", XIANGCAI_LOG: "0", DATABASE_URL: "" },
  stdio: ["ignore", "inherit", "inherit"],
});
const base = `http://127.0.0.1:${port}`;
async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("服务器未能在 300 秒内启动");
}

/** Text a person should not read: error codes and English words (product names and units excepted). */
const RAW_CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g;
const ENGLISH = /\b(?!Excel\b|PDF\b|ECharts\b|API\b|CSV\b|ID\b|xiangcai\b|OK\b|Apache\b|TOTP\b)[A-Za-z]{4,}\b/g;

const findings = [];
let browser;
try {
  await waitForServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  for (const username of users) {
    const context = await browser.newContext({ viewport: sizes[0], locale: "zh-CN" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/login`);
    await page.getByPlaceholder("请输入用户名").fill(username);
    await page.getByPlaceholder("请输入密码").fill("Demo@2026xc");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
    await page.locator(".ant-layout-sider, .ant-menu").first().waitFor({ timeout: 15_000 });
    // Open every group of the side menu, then read its links.
    for (const title of await page.locator(".ant-menu-submenu-title").all()) {
      await title.click().catch(() => {});
      await page.waitForTimeout(150);
    }
    // antd keys each item by its path: data-menu-id="rc-menu-uuid-…-/budget/rounds".
    const ids = await page.locator(".ant-menu-item").evaluateAll((items) => items.map((i) => i.getAttribute("data-menu-id") ?? ""));
    const links = [...new Set(ids.map((id) => id.slice(id.indexOf("-/") + 1)).filter((h) => h.startsWith("/")))];
    mkdirSync(join(out, username), { recursive: true });
    console.log(`— ${username}: ${links.length} 个页面`);
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const link of links) {
        errors.length = 0;
        await page.goto(`${base}${link}`);
        await page.waitForLoadState("networkidle").catch(() => {});
        await page.waitForTimeout(400);
        const name = link.replace(/^\//, "").replace(/[/?=&]/g, "_") || "root";
        await page.screenshot({ path: join(out, username, `${size.name}-${name}.png`) });
        const text = await page.locator("main, .ant-layout-content").first().innerText().catch(() => "");
        const problems = [];
        if (errors.length) problems.push(`脚本错误：${errors.join("; ")}`);
        const toasts = await page.locator(".ant-message-error, .ant-alert-error").allInnerTexts();
        if (toasts.length) problems.push(`错误提示：${toasts.join(" | ")}`);
        const codes = [...new Set(text.match(RAW_CODE) ?? [])];
        if (codes.length) problems.push(`原始代码：${codes.join(", ")}`);
        const english = [...new Set(text.match(ENGLISH) ?? [])];
        if (english.length) problems.push(`英文：${english.slice(0, 10).join(", ")}`);
        const overflow = await page.evaluate(() =>
          [...document.querySelectorAll(".ant-card-body")].filter((c) => c.scrollWidth > c.clientWidth + 2 && !c.querySelector(".ant-table-content[style*='overflow'], .ant-table-body")).length,
        );
        if (overflow) problems.push(`${overflow} 个卡片内容超出宽度`);
        if (problems.length) findings.push(`${username} ${size.name} ${link}: ${problems.join("；")}`);
      }
    }
    await context.close();
  }
} finally {
  await browser?.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
writeFileSync(join(out, "report.txt"), `${findings.join("\n")}\n`);
console.log(findings.length ? findings.join("\n") : "未发现问题");
console.log(`截图：${out}`);
