// Benchmark of subsidies on one card (issue 5): the roster check on generated .xlsx rosters of
// 100,000 and 1,000,000 rows (seconds and peak memory, each size in its own process, so the
// memory figure is the checker's own; the reader streams, so memory should stay flat), and the
// agency-bank file for 100,000 lines (Excel and CSV). Figures are printed.
// Size: --size small (10,000 and 100,000 rows; 10,000 bank lines) or normal (the sizes).
// The public query under load (PostgreSQL, 1,000,000 recipients, 50 clients) is bench-subsidy-query.mjs.
import { register } from "tsx/esm/api";
import { performance } from "node:perf_hooks";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

register();
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const small = arg("--size") === "small";
const self = new URL(import.meta.url).pathname;

if (process.argv[2] === "--check-one") {
  // Child: check one file, print seconds and peak RSS.
  const { checkRosterFile } = await import("../packages/server/src/subsidy/check.ts");
  const { inspectXlsxFile } = await import("../packages/server/src/platform/sheetReader.ts");
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
  const started = performance.now();
  await inspectXlsxFile(process.argv[3]);
  const result = await checkRosterFile(process.argv[3], { itemStandardFen: 10_550n, rowsMax: 2_000_000, lookup: null });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  console.log(JSON.stringify({ rows: result.rows, findings: result.findings.length, seconds, peakMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 1048576 }));
  process.exit(0);
}

const ExcelJS = (await import("exceljs")).default;
const { generatedCard, generatedResidentId } = await import("../packages/server/src/subsidy/fixtures.ts");
const { bankFileRow, defaultBankLayouts, referenceNo } = await import("../packages/server/src/subsidy/rules.ts");
const { formatCsv } = await import("../packages/shared/src/index.ts");
const dir = mkdtempSync(join(tmpdir(), "xc-bench-subsidy-"));
const header = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];

async function writeRoster(path, rows) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("清册");
  sheet.addRow(header).commit();
  for (let i = 1; i <= rows; i++) {
    // Unique people up to 2,100,000 rows: 2,100 birth dates × 1,000 sequence numbers.
    const b = i % 2100;
    const birth = `19${String(40 + (b % 50)).padStart(2, "0")}${String(1 + (b % 12)).padStart(2, "0")}${String(1 + (b % 28)).padStart(2, "0")}`;
    const mu = 1 + (i % 20);
    // Every 1000th row carries a planted error, so findings are produced too.
    const amount = i % 1000 === 0 ? "1.00" : ((10_550 * mu) / 100).toFixed(2);
    sheet.addRow([String(i), `村民${i}`, generatedResidentId(birth, Math.floor(i / 2100) % 1000), generatedCard(i), "农商行", "东风村", String(mu), "105.50", amount, ""]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

try {
  for (const rows of small ? [10_000, 100_000] : [100_000, 1_000_000]) {
    const path = join(dir, `roster-${rows}.xlsx`);
    let started = performance.now();
    await writeRoster(path, rows);
    console.log(`roster of ${rows.toLocaleString("en")} rows generated in ${((performance.now() - started) / 1000).toFixed(1)} s (${(statSync(path).size / 1e6).toFixed(1)} MB)`);
    started = performance.now();
    const child = spawnSync(process.execPath, [self, "--check-one", path], { encoding: "utf8", maxBuffer: 1e8 });
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout.trim().split("\n").pop());
    console.log(`roster check, ${r.rows.toLocaleString("en")} rows: ${r.seconds.toFixed(1)} s (${Math.round(r.rows / r.seconds).toLocaleString("en")} rows/s), ${r.findings} findings, peak memory ${Math.round(r.peakMb)} MB (heap ${Math.round(r.peakHeapMb)} MB)`);
    rmSync(path);
  }

  const lines = small ? 10_000 : 100_000;
  const bankLines = Array.from({ length: lines }, (_, i) => ({ referenceNo: referenceNo("329901101202611260001", i + 1), name: `村民${i}`, card: generatedCard(i), amountFen: 10_550n + BigInt(i % 1000), bank: "农商行", item: "耕地地力保护补贴", period: "2026" }));
  for (const layout of defaultBankLayouts) {
    const started = performance.now();
    const path = join(dir, `bank.${layout.format}`);
    if (layout.format === "csv") {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(path, formatCsv([layout.columns.map((c) => c.header), ...bankLines.map((l) => bankFileRow(layout, l))], { bom: true, guardFormulas: false }));
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet("代发明细");
      sheet.addRow(layout.columns.map((c) => c.header)).commit();
      for (const l of bankLines) sheet.addRow(bankFileRow(layout, l)).commit();
      sheet.commit();
      await workbook.commit();
    }
    console.log(`bank file (${layout.name}, ${layout.format}), ${lines.toLocaleString("en")} lines: ${((performance.now() - started) / 1000).toFixed(2)} s (${(statSync(path).size / 1e6).toFixed(1)} MB)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
