// Issue 15, findings 2 and 3, through the one spreadsheet reader and the one writer:
// - a zip whose entries understate their sizes is refused as it inflates (counted, never held), with a
//   clear message and nothing stored, and so is a file inflating past the import limit;
// - imports over the concurrent limit answer 503 IMPORT_BUSY and change nothing;
// - imported rows obey the API's field rules (an over-long remark is a named row error);
// - a name a spreadsheet would run as a formula gets a roster finding, and every writer (bank files,
//   exports) writes it neutralised; amounts stay numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { parseCsv } from "@xiangcai/shared";
import { startTestApp, type TestApp } from "../test/http.ts";
import { generatedCard, generatedResidentId } from "./subsidy/fixtures.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./subsidy/testKit.ts";
import { checkRosterFile } from "./subsidy/check.ts";
import { bankFileRow, defaultBankLayouts } from "./subsidy/rules.ts";
import { bankFileBytes } from "./subsidy/routes.ts";
import { bankExportCsv } from "./treasury/rules.ts";
import { IMPORT_INFLATED_BYTES_DEFAULT, IMPORTS_MAX_DEFAULT } from "./platform/config.ts";
import { configureImports, inspectXlsxBuffer, takeImportSlot } from "./platform/sheetReader.ts";
import { csvText, workbookBuffer } from "./platform/sheetWriter.ts";

// ---------------------------------------------------------------- a zip built by hand

interface Entry {
  name: string;
  data: Buffer;
}

/** The entries of a zip (inflated), read from its central directory. */
function unzip(file: Buffer): Entry[] {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    const method = file.readUInt16LE(at + 10);
    const compressed = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.toString("utf8", at + 46, at + 46 + nameLength);
    const local = file.readUInt32LE(at + 42);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + compressed);
    entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

/** A zip of the entries (deflated); `declared` may lie about an entry's uncompressed size, in both headers. */
function zip(entries: Entry[], declared: (entry: Entry) => number = (e) => e.data.length): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared(entry), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared(entry), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const SHEET = "xl/worksheets/sheet1.xml";

/** The workbook with `padding` bytes of blanks inside its sheet's XML, the sheet declaring only its real size. */
function understated(file: Buffer, padding: number): Buffer {
  const entries = unzip(file).map((e) => (e.name === SHEET ? { name: e.name, data: Buffer.concat([e.data.subarray(0, e.data.indexOf("?>") + 2), Buffer.alloc(padding, 0x20), e.data.subarray(e.data.indexOf("?>") + 2)]) } : e));
  const original = new Map(unzip(file).map((e) => [e.name, e.data.length]));
  return zip(entries, (e) => original.get(e.name)!);
}

// ---------------------------------------------------------------- the app

let t: TestApp;
let clerk: Session;
let budget: Session;
const id = (n: number) => generatedResidentId("19660304", 400 + n);
const card = (n: number) => generatedCard(9400 + n);
const rosterRow = (n: number, name: string, remark = "") => [String(n), name, id(n), card(n), "青禾农商行", "东风村", "1", "105.50", "105.50", remark];

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await session(t.app, "subsidy");
  budget = await session(t.app, "budget");
});
afterAll(async () => t?.close());

async function counts(): Promise<number[]> {
  const out: number[] = [];
  for (const table of ["subsidy_roster", "subsidy_roster_line", "subsidy_recipient", "debt", "audit_log"]) {
    const rows = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    out.push(Number((rows as unknown as { rows: { n: number }[] }).rows[0]!.n));
  }
  return out;
}

const uploadDebts = (bytes: Buffer) => budget.upload("/debt/debts/import?regionCode=329901101", bytes);

describe("zip bombs with falsified sizes (finding 2)", () => {
  it("reads a rebuilt zip of a good workbook (the test's zip writer is sound)", async () => {
    const good = await xlsx([ROSTER_HEADER, rosterRow(1, "孙一")]);
    await expect(inspectXlsxBuffer(zip(unzip(good)))).resolves.toBeUndefined();
  });

  it("refuses a small file whose sheet inflates far past what its headers declare, and stores nothing", async () => {
    const bomb = understated(await xlsx([ROSTER_HEADER, rosterRow(1, "孙一")]), 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const before = await counts();
    const roster = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", bomb);
    expect(roster.status, JSON.stringify(roster.body)).toBe(422);
    expect(roster.body).toMatchObject({ code: "FILE_INVALID" });
    expect(roster.body.detail).toMatch(/超过其声明的大小.*压缩炸弹/);
    const debts = await uploadDebts(bomb);
    expect(debts.status).toBe(400);
    expect(debts.body.detail).toMatch(/压缩炸弹/);
    expect(await counts()).toEqual(before);
  });

  it("stops at the import limit however honest the headers are", async () => {
    const big = await xlsx([ROSTER_HEADER, ...Array.from({ length: 3000 }, (_, n) => rosterRow(n + 1, `人${n}`))]);
    await expect(inspectXlsxBuffer(big)).resolves.toBeUndefined();
    configureImports({ inflatedBytesMax: 64 * 1024, concurrentMax: IMPORTS_MAX_DEFAULT });
    try {
      await expect(inspectXlsxBuffer(big)).rejects.toThrow(/超过 0 MB 的上限|上限/);
    } finally {
      configureImports({ inflatedBytesMax: IMPORT_INFLATED_BYTES_DEFAULT, concurrentMax: IMPORTS_MAX_DEFAULT });
    }
  });

  it("answers 503 IMPORT_BUSY when the imports at once are at their limit, changing nothing", async () => {
    const file = await xlsx([ROSTER_HEADER, rosterRow(1, "孙一")]);
    const before = await counts();
    const slots = Array.from({ length: IMPORTS_MAX_DEFAULT }, () => takeImportSlot());
    try {
      const busy = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", file);
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ code: "IMPORT_BUSY" });
      expect(busy.body.detail).toContain("稍后再试");
      expect((await uploadDebts(file)).body.code).toBe("IMPORT_BUSY");
      expect(await counts()).toEqual(before);
    } finally {
      for (const release of slots) release();
    }
    const after = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", file);
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
});

describe("imported rows obey the API's field rules (finding 2)", () => {
  it("names an over-long remark as a row error and stores nothing", async () => {
    const before = await counts();
    const long = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2025", await xlsx([ROSTER_HEADER, rosterRow(1, "孙一"), rosterRow(2, "孙二", "备".repeat(201))]));
    expect(long.status, JSON.stringify(long.body)).toBe(422);
    expect(long.body.detail).toMatch(/第 3 行“备注”.*200/);
    const huge = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2025", await xlsx([ROSTER_HEADER, rosterRow(1, "孙一", "x".repeat(40_000))]));
    expect(huge.status).toBe(422);
    expect(huge.body.detail).toMatch(/第 2 行 J 列的内容超过 32767 字/);
    const registry = await clerk.upload("/subsidy/recipients/import", await xlsx([["姓名", "身份证号", "村（居）", "开户银行"], ["孙一", id(1), "东风村", "行".repeat(51)]]));
    expect(registry.status).toBe(422);
    expect(registry.body.errors[0]).toMatchObject({ path: "第 2 行" });
    expect(registry.body.errors[0].message).toContain("开户银行");
    expect(await counts()).toEqual(before);
  });

  it("names over-long text in the debt register and policy imports, as the API would refuse it", async () => {
    const before = await counts();
    const debtHeader = ["债务类型", "债务名称", "债权人", "债权人统一社会信用代码", "转贷文件或合同编号", "本金（元）", "起始日期", "应付日期", "年利率（%）", "期数", "还款频率", "还款方式", "债券类型", "债券用途", "隐性债务", "用途"];
    const debtRow = ["银行贷款", "债".repeat(201), "某银行", "", "合同-1", "1000.00", "2026-01-05", "", "3", "1", "按年", "到期一次还本", "", "", "否", "用".repeat(501)];
    const debts = await budget.upload("/debt/debts/import?regionCode=329901101", await xlsx([debtHeader, debtRow]));
    expect(debts.status, JSON.stringify(debts.body)).toBe(422);
    expect(JSON.stringify(debts.body)).toMatch(/第2行：“债务名称”（201 字）不符合要求/);
    expect(JSON.stringify(debts.body)).toMatch(/第2行：“用途”（501 字）不符合要求/);
    const policyHeader = ["文号", "标题", "发文机关", "层级", "发文日期", "主题", "适用范围", "生效日期", "失效日期"];
    const policy = await budget.upload("/registers/policy-documents/import?regionCode=329901101", await xlsx([policyHeader, ["青政〔2026〕1号", "标".repeat(301), "青禾镇人民政府", "区", "2026-01-05", "", "", "2026-01-05", ""]]));
    expect(policy.status, JSON.stringify(policy.body)).toBe(422);
    expect(JSON.stringify(policy.body)).toMatch(/第2行：“标题”（301 字）不符合要求/);
    expect(await counts()).toEqual(before);
  });
});

describe("formula injection (finding 3)", () => {
  const formula = '=HYPERLINK("http://x","y")';

  it("gives a name a spreadsheet would run a NAME_FORMULA finding at roster check", async () => {
    const file = await xlsx([ROSTER_HEADER, rosterRow(1, formula), rosterRow(2, "@SUM(1)"), rosterRow(3, "孙三", "-1+1"), rosterRow(4, "孙四")]);
    const checked = await checkRosterFile(file, { itemStandardFen: null, rowsMax: 100, lookup: null });
    const codes = checked.findings.map((f) => `${f.row}:${f.code}:${f.severity}`);
    expect(codes).toEqual(expect.arrayContaining(["2:NAME_FORMULA:warning", "3:NAME_FORMULA:warning", "4:TEXT_FORMULA:warning"]));
    expect(codes.filter((c) => c.startsWith("5:"))).toEqual([]);
    expect(checked.findings.find((f) => f.code === "NAME_FORMULA")!.message).toContain("公式");
  });

  it("writes the name neutralised into the PSBC CSV and the RCB workbook bank files, amounts as they are", async () => {
    const line = { referenceNo: "B1-000001", name: formula, card: "6228480012345678901", amountFen: 10550n, bank: "邮储银行", item: "耕地地力保护补贴", period: "2026" };
    for (const layout of defaultBankLayouts) {
      const bytes = await bankFileBytes({ filename: "x", contentType: "x", layout, header: layout.columns.map((c) => c.header), rows: [bankFileRow(layout, line)] });
      let cells: string[];
      if (layout.format === "csv") {
        cells = parseCsv(bytes.toString("utf8"))[1]!;
      } else {
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(bytes as never);
        cells = (book.worksheets[0]!.getRow(2).values as unknown[]).slice(1).map(String);
      }
      expect(cells, layout.code).toContain(`'${formula}`);
      expect(cells, layout.code).not.toContain(formula);
      expect(cells, layout.code).toContain("105.50");
    }
    const treasury = parseCsv(bankExportCsv("P1", [{ orderNo: "1", payeeName: "+cmd|' /C calc'!A0", account: "1", bank: "b", amountFen: 1n, purpose: "\tx" }]))[1]!;
    expect(treasury).toEqual(["P1", "1", "'+cmd|' /C calc'!A0", "1", "b", "0.01", "'\tx"]);
  });

  it("makes every text cell of an export safe and leaves numbers alone", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("导出");
    sheet.addRow([formula, -12.5, "-12.50", "@x", "\tx", "正常", { richText: [{ text: "=1+1" }] }]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbookBuffer(book)) as never);
    const values = (back.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(values.slice(0, 6)).toEqual([`'${formula}`, -12.5, "-12.50", "'@x", "'\tx", "正常"]);
    expect(JSON.stringify(values[6])).toContain("'=1+1");
    expect(csvText([[formula, "-12.50", "-x"]])).toBe(`"'=HYPERLINK(""http://x"",""y"")",-12.50,'-x\r\n`);
  });
});

describe("one reader and one writer", () => {
  const root = new URL(".", import.meta.url).pathname;
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
    });
  it("has no spreadsheet parsing or writing outside platform/sheetReader.ts and platform/sheetWriter.ts", () => {
    const offenders: string[] = [];
    for (const path of sources(root)) {
      const file = relative(root, path);
      const text = readFileSync(path, "utf8");
      if (file !== "platform/sheetReader.ts" && /xlsx\.load\(|xlsx\.read\(|WorkbookReader/.test(text)) offenders.push(`${file}: reads a spreadsheet itself`);
      // The test kit writes test inputs (formulas included, on purpose).
      if (file !== "platform/sheetWriter.ts" && file !== "subsidy/testKit.ts" && /xlsx\.writeBuffer\(|xlsx\.writeFile\(/.test(text)) offenders.push(`${file}: writes a workbook itself`);
      if (/guardFormulas:\s*false/.test(text)) offenders.push(`${file}: writes CSV unguarded`);
    }
    expect(offenders).toEqual([]);
  });
});
