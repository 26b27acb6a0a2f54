// Proves the registry and roster imports through the real HTTP app with real .xlsx files: ID and
// card numbers stored sealed and shown masked, card changes audited, reference lists applied, every
// finding code reported on the spreadsheet's own row, and every unreadable file refused with
// nothing changed; and the `xiangcai roster check` command through the real binary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, getTableName, sql, type Table } from "drizzle-orm";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { auditLog } from "../audit/index.ts";
import { putSetting } from "../platform/settings.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { ROSTER_HEADER, actorNamed, session, xlsx, type Session } from "./testKit.ts";
import { importRoster } from "./rosters.ts";
import type { Db } from "../platform/db.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { subsidyRecipient, subsidyRoster, subsidyRosterLine } from "./tables.ts";
import { ROSTER_ROWS_MAX_KEY } from "./settings.ts";
import { TEST_NOW } from "../../test/clock.ts";

let t: TestApp;
let clerk: Session;
let village: Session;
const id = (n: number) => generatedResidentId("19650301", 100 + n);
const card = (n: number) => generatedCard(9000 + n);
const badCard = (n: number) => {
  const c = card(n);
  return `${c.slice(0, -1)}${(Number(c.slice(-1)) + 1) % 10}`;
};

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await session(t.app, "subsidy");
  village = await session(t.app, "village");
  const registry = await xlsx([
    ["姓名", "身份证号", "村（居）", "户号", "户主", "银行卡号", "开户银行", "账户类型"],
    ["张三", id(1), "东风村", "001", "是", card(1), "青禾农商行", "社保卡"],
    ["李四", id(2), "东风", "002", "是", card(2), "青禾农商行", "社保卡"],
    ["王五", id(3), "东风村", "003", "是", card(3), "青禾农商行", "社保卡"],
    ["赵六", id(4), "东风村", "004", "是", card(4), "青禾农商行", "社保卡"],
  ]);
  const imported = await clerk.upload("/subsidy/recipients/import", registry);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect((await clerk.upload("/subsidy/reference-lists/deceased/import", await xlsx([["姓名", "身份证号"], ["王五", id(3)]]))).body).toEqual({ rows: 1, matched: 1 });
  expect((await clerk.upload("/subsidy/reference-lists/cadre/import", await xlsx([["身份证号", "姓名"], [id(4), "赵六"]]))).body).toEqual({ rows: 1, matched: 1 });
});
afterAll(async () => t?.close());

/** The database handle, noting the table of every `select … from` made through it. */
function readsCounted(db: Db, reads: string[]): Db {
  return new Proxy(db, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== "function") return value;
      if (name !== "select") return value.bind(target);
      return (...args: unknown[]) =>
        new Proxy(value.apply(target, args) as object, {
          get(builder, inner) {
            const method: unknown = Reflect.get(builder, inner, builder);
            if (typeof method !== "function") return method;
            if (inner !== "from") return method.bind(builder);
            return (table: Table) => {
              reads.push(getTableName(table));
              return method.call(builder, table);
            };
          },
        });
    },
  });
}

/** A roster's totals counted afresh from its lines, beside what its row keeps. */
/** A roster as its page reads it, less the farmland warnings only the page adds (none in these files). */
async function readWithoutWarnings(rosterId: string) {
  const { farmlandWarnings, ...read } = (await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body;
  expect(farmlandWarnings).toEqual([]);
  return read;
}

async function recount(rosterId: string) {
  const lines = await t.database.db.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.withdrawn, false)));
  const [row] = await t.database.db.select().from(subsidyRoster).where(eq(subsidyRoster.id, rosterId));
  const findings = lines.flatMap((l) => l.findings);
  const counted = {
    lineCount: lines.length,
    total: formatYuan(lines.reduce((sum, l) => sum + l.amountFen, 0n)),
    errorCount: findings.filter((f) => f.severity === "error").length,
    warningCount: findings.filter((f) => f.severity === "warning").length,
  };
  expect({ lineCount: row!.lineCount, total: formatYuan(row!.totalFen), errorCount: row!.errorCount, warningCount: row!.warningCount }).toEqual(counted);
  return counted;
}

const countOf = async (table: typeof subsidyRoster | typeof auditLog) => (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(table))[0]!.n;

describe("recipient registry", () => {
  it("stores ID and card numbers sealed with a blind index and lists them masked", async () => {
    const [row] = await t.database.db.select().from(subsidyRecipient).where(eq(subsidyRecipient.name, "张三"));
    expect(row!.residentIdSealed.startsWith("v1.")).toBe(true);
    expect(row!.residentIdSealed).not.toContain(id(1));
    expect(row!.cardSealed).not.toContain(card(1));
    const list = await village.request("GET", `/subsidy/recipients?q=${id(1)}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ name: "张三", residentIdMasked: `${id(1).slice(0, 6)}********${id(1).slice(-4)}`, cardMasked: `****${card(1).slice(-4)}`, villageName: "东风村", headOfHousehold: true });
    expect(JSON.stringify(list.body)).not.toContain(id(1));
  });

  it("flags deceased persons and cadres from the imported reference lists", async () => {
    const list = await clerk.request("GET", "/subsidy/recipients?pageSize=100");
    const byName = Object.fromEntries(list.body.items.map((r: { name: string }) => [r.name, r]));
    expect(byName["王五"]).toMatchObject({ alive: false });
    expect(byName["赵六"]).toMatchObject({ cadre: true, alive: true });
  });

  it("audits a card change with the old and new numbers masked, never in full", async () => {
    const list = await clerk.request("GET", `/subsidy/recipients?q=${id(2)}`);
    const recipient = list.body.items[0];
    const changed = await clerk.request("PATCH", `/subsidy/recipients/${recipient.id}`, { card: card(22) });
    expect(changed.status).toBe(200);
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, "subsidy.cardChanged"), eq(auditLog.entityId, recipient.id)));
    expect(entry).toMatchObject({ before: { card: `****${card(2).slice(-4)}` }, after: { card: `****${card(22).slice(-4)}` } });
    expect(JSON.stringify(await t.database.db.select({ before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, recipient.id)))).not.toContain(card(22));
    await clerk.request("PATCH", `/subsidy/recipients/${recipient.id}`, { card: card(2) });
  });

  it("refuses a registry file with an invalid row and imports none of it", async () => {
    const before = (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(subsidyRecipient))[0]!.n;
    const res = await clerk.upload("/subsidy/recipients/import", await xlsx([["姓名", "身份证号", "村（居）"], ["新人", id(50), "东风村"], ["坏人", "123", "东风村"]]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("FILE_INVALID");
    expect(res.body.detail).toContain("第 3 行");
    expect((await t.database.db.select({ n: sql<bigint>`count(*)` }).from(subsidyRecipient))[0]!.n).toBe(before);
  });

  it("keeps a village user to its own village", async () => {
    const res = await village.request("POST", "/subsidy/recipients", { villageCode: "329901101202", name: "外村人", residentId: id(60) });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("OUT_OF_SCOPE");
  });
});

describe("roster checks", () => {
  it("reports every check code on the spreadsheet's own row, with columns in any order and extra columns ignored", async () => {
    // Another roster of the same item and period already holds person 13.
    const earlier = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026&sourceName=earlier.xlsx", await xlsx([ROSTER_HEADER, ["1", "先报人", id(13), card(13), "农商行", "红旗村", "2", "105.50", "211.00", ""]]));
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);

    const header = ["联系电话", "补贴金额", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "备注", "序号"];
    const r = (name: string, residentId: string, cardNo: string, amount = "1055.00", extra: { village?: string; qty?: string; std?: string; bank?: string } = {}) =>
      ["13800000000", amount, name, residentId, cardNo, extra.bank ?? "农商行", extra.village ?? "东风村", extra.qty ?? "10", extra.std ?? "105.50", "", "x"];
    const file = await xlsx([
      header,
      r("张三", id(1), card(1)), // 2: clean
      r("", id(5), card(5)), // 3
      r("钱七", "32990119650301999", card(6)), // 4
      r("孙八", id(6), badCard(6)), // 5
      r("周九", id(7), card(7), "abc"), // 6
      r("吴十", id(8), card(8), "1056.00"), // 7
      r("张三", id(1), card(1)), // 8
      r("李肆", id(2), card(2)), // 9
      r("郑十一", id(9), card(1)), // 10
      r("王五", id(3), card(3)), // 11
      r("冯十二", id(10), card(10), "1055.00", { village: "不存在村" }), // 12
      r("赵六", id(4), card(4)), // 13
      r("陈十三", id(11), card(11), "1100.00", { std: "110.00" }), // 14
      r("褚十四", id(12), badCard(12), "1055.00", { bank: "信用社存折" }), // 15
      r("先报人", id(13), card(13)), // 16
    ]);
    const res = await village.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026&sourceName=dongfeng.xlsx", file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const found = res.body.findings.map((f: { row: number; code: string; severity: string }) => [f.row, f.code, f.severity]);
    expect(found).toEqual([
      [3, "NAME_MISSING", "error"],
      [4, "ID_INVALID", "error"],
      [5, "CARD_INVALID", "error"],
      [6, "AMOUNT_INVALID", "error"],
      [7, "AMOUNT_MISMATCH", "error"],
      [8, "DUPLICATE_IN_FILE", "error"],
      [9, "NAME_ID_MISMATCH", "error"],
      [10, "CARD_OWNER_MISMATCH", "error"],
      [11, "DECEASED", "error"],
      [12, "VILLAGE_UNKNOWN", "error"],
      [13, "OFFICIAL", "warning"],
      [14, "OVER_STANDARD", "warning"],
      [15, "CARD_PASSBOOK", "warning"],
      [16, "DUPLICATE_IN_PERIOD", "error"],
    ]);
    expect(res.body.roster).toMatchObject({ villageCode: "329901101201", status: "draft", lineCount: 15, errorCount: 11, warningCount: 3 });
    const lines = await village.request("GET", `/subsidy/rosters/${res.body.roster.id}/lines?findings=error&pageSize=100`);
    expect(lines.body.total).toBe(11);
    expect(lines.body.items[0]).toMatchObject({ lineNo: 3, findings: [{ code: "NAME_MISSING", severity: "error", message: "姓名为空" }] });
  });

  it("finds the header under a title row and keeps the sheet's row numbers", async () => {
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2025", await xlsx([["东风村2025年耕地地力保护补贴发放清册"], [], ROSTER_HEADER, ["1", "", id(30), card(30), "农商行", "东风村", "1", "105.50", "105.50", ""]]));
    expect(res.status).toBe(201);
    expect(res.body.findings.map((f: { row: number; code: string }) => [f.row, f.code])).toEqual([[4, "NAME_MISSING"]]);
  });

  it("keeps the totals as the rows go by, over several chunks: the stored roster is what its lines recount to, and the answer is what a read gives", async () => {
    // 1,203 rows: past the registry lookup's chunk (1,000) and the line insert's (500).
    const rows: (string | number)[][] = [];
    let totalFen = 0n;
    let errors = 0;
    let warnings = 0;
    for (let n = 0; n < 1203; n++) {
      const person = generatedResidentId(n < 1000 ? "19720101" : "19720102", n % 1000);
      if (n % 97 === 0) {
        errors++; // CARD_INVALID
      } else if (n % 151 === 0) {
        warnings++; // OVER_STANDARD
      }
      const cardNo = n % 97 === 0 ? "6230" : generatedCard(50_000 + n);
      const [qty, std] = n % 151 === 0 && n % 97 !== 0 ? [1n, 11_000n] : [BigInt((n % 7) + 1), 10_550n];
      totalFen += qty * std;
      rows.push([String(n + 1), `人${n}`, person, cardNo, "农商行", "东风村", String(qty), (Number(std) / 100).toFixed(2), (Number(qty * std) / 100).toFixed(2), ""]);
    }
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2023&villageCode=329901101201&sourceName=big.xlsx", await xlsx([ROSTER_HEADER, ...rows]));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    const expected = { lineCount: 1203, total: formatYuan(totalFen), errorCount: errors, warningCount: warnings };
    expect(res.body.roster).toMatchObject(expected);
    expect(res.body.findings).toHaveLength(errors + warnings);
    const id = res.body.roster.id as string;
    expect(await recount(id)).toEqual(expected);
    expect(res.body.roster).toEqual(await readWithoutWarnings(id));
    expect(res.body.roster).toMatchObject({ itemName: "耕地地力保护补贴", villageName: "东风村" });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "subsidy.rosterImported")));
    expect(audit!.after).toMatchObject({ lines: 1203, total: formatYuan(totalFen), errors, warnings });

    // A corrected file replaces the lines; the totals are again the new lines' own.
    const replaced = await clerk.upload(`/subsidy/rosters/${id}/file?sourceName=small.xlsx`, await xlsx([ROSTER_HEADER, ...rows.slice(150, 153)]));
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const small = { lineCount: 3, total: formatYuan(rows.slice(150, 153).reduce((sum, r) => sum + parseYuan(String(r[8])), 0n)), errorCount: 0, warningCount: 1 };
    expect(replaced.body.roster).toMatchObject({ ...small, sourceName: "small.xlsx" });
    expect(await recount(id)).toEqual(small);
    expect(replaced.body.roster).toEqual(await readWithoutWarnings(id));
  });

  it("reads the item once, and neither the lines nor the roster back, while importing", async () => {
    const reads: string[] = [];
    const actor = await actorNamed(t.database.db, "subsidy");
    const file = await xlsx([ROSTER_HEADER, ...Array.from({ length: 5 }, (_, n) => [String(n + 1), `读${n}`, generatedResidentId("19730101", n), generatedCard(60_000 + n), "农商行", "东风村", "1", "105.50", "105.50", ""])]);
    const result = await t.database.db.transaction((tx) =>
      importRoster(readsCounted(tx as unknown as Db, reads), actor, TEST_DATA_KEYS, { itemCode: "GDDLBH", period: "2022", villageCode: "329901101201", sourceName: "reads.xlsx" }, file, TEST_NOW),
    );
    expect(result.roster).toMatchObject({ lineCount: 5, total: "527.50", itemName: "耕地地力保护补贴", villageName: "东风村" });
    const times = (table: string) => reads.filter((r) => r === table).length;
    expect(times("subsidy_item"), reads.join(" ")).toBe(1);
    expect(times("subsidy_roster"), reads.join(" ")).toBe(0);
    // Lines are read once per chunk of rows, to find the same person on another roster of the
    // period (5 rows: one chunk); never to recount this roster's totals.
    expect(times("subsidy_roster_line"), reads.join(" ")).toBe(1);
  });

  const refusals: [string, () => Promise<Buffer>, RegExp][] = [
    ["a text file", async () => Buffer.from("姓名,身份证号\n张三,1"), /不是 Excel/],
    ["an old .xls file", async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /另存为 \.xlsx/],
    ["a truncated (corrupt) file", async () => (await xlsx([ROSTER_HEADER])).subarray(0, 900), /损坏/],
    ["a zip bomb (declared sizes)", async () => declaredSizes(await xlsx([ROSTER_HEADER]), 1_600_000_000), /压缩炸弹/],
    ["a zip bomb (ratio)", async () => declaredSizes(await xlsx([ROSTER_HEADER]), 200_000_000), /压缩炸弹/],
    ["a zip that is not a workbook", async () => renameWorkbook(await xlsx([ROSTER_HEADER])), /没有工作簿/],
    ["a sheet without a header", async () => xlsx([["甲", "乙"], ["1", "2"]]), /表头/],
    ["a header without 银行卡号 and 补贴金额", async () => xlsx([["姓名", "身份证号"], ["张三", id(1)]]), /银行卡号、补贴金额/],
    ["an empty upload", async () => Buffer.alloc(0), /请上传/],
  ];
  for (const [what, make, message] of refusals) {
    it(`refuses ${what} with a clear message and changes nothing`, async () => {
      const [rosters, audits] = [await countOf(subsidyRoster), await countOf(auditLog)];
      const res = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", await make());
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.code).toBe("FILE_INVALID");
      expect(res.body.detail).toMatch(message);
      expect([await countOf(subsidyRoster), await countOf(auditLog)]).toEqual([rosters, audits]);
    });
  }

  it("refuses a roster over the configured row limit and accepts one at the limit", async () => {
    await t.database.db.transaction(async (tx) => putSetting(tx as never, "329901101", ROSTER_ROWS_MAX_KEY, 3, null, TEST_NOW));
    const rows = (n: number) => [ROSTER_HEADER, ...Array.from({ length: n }, (_, i) => [String(i + 1), `人${i}`, id(70 + i), card(70 + i), "农商行", "前进村", "1", "105.50", "105.50", ""])];
    const before = await countOf(subsidyRoster);
    const over = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2024", await xlsx(rows(4)));
    expect(over.status).toBe(422);
    expect(over.body.detail).toContain("3 行");
    expect(await countOf(subsidyRoster)).toBe(before);
    const at = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2024", await xlsx(rows(3)));
    expect(at.status).toBe(201);
    await t.database.db.transaction(async (tx) => putSetting(tx as never, "329901101", ROSTER_ROWS_MAX_KEY, 1_000_000, null, TEST_NOW));
  });

  it("refuses a period of the wrong kind for the item", async () => {
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026-03", await xlsx([ROSTER_HEADER]));
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("按年");
  });
});

/** Rewrites every central-directory entry's declared sizes: `uncompressed` each, compressed 1000. */
function declaredSizes(file: Buffer, uncompressed: number): Buffer {
  const copy = Buffer.from(file);
  for (let i = 0; i + 4 <= copy.length; i++) {
    if (copy.readUInt32LE(i) === 0x02014b50) {
      copy.writeUInt32LE(1000, i + 20);
      copy.writeUInt32LE(uncompressed, i + 24);
    }
  }
  return copy;
}

function renameWorkbook(file: Buffer): Buffer {
  const text = Buffer.from("xl/workbook.xml");
  const copy = Buffer.from(file);
  for (let i = copy.indexOf(text); i >= 0; i = copy.indexOf(text, i + 1)) copy.write("xl/workbooX.xml", i, "latin1");
  return copy;
}

describe("xiangcai roster check (the real binary)", () => {
  const dir = mkdtempSync(join(tmpdir(), "xc-roster-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = new URL("../../bin/xiangcai.js", import.meta.url).pathname;
  const run = (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, XIANGCAI_DATA_DIR: join(dir, "data") };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [bin, "roster", ...args], { env, encoding: "utf8", timeout: 120_000 });
  };

  it("prints the findings as JSON and exits 1 when there is an error, 0 when there is none (file checks on an empty database)", async () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, await xlsx([["姓名", "补贴金额", "身份证号", "银行卡号"], ["", "10.00", id(1), card(1)], ["李四", "1.234", "123", card(2)], ["李四", "5", id(1), badCard(3)]]));
    const res = run(["check", bad, "--item", "GDDLBH", "--period", "2026", "--json"]);
    expect(res.status, res.stderr).toBe(1);
    const out = JSON.parse(res.stdout);
    expect(out.rows).toBe(3);
    expect(out.findings.map((f: { row: number; code: string; severity: string }) => [f.row, f.code, f.severity])).toEqual([
      [2, "NAME_MISSING", "error"],
      [3, "ID_INVALID", "error"],
      [3, "AMOUNT_INVALID", "error"],
      [4, "CARD_INVALID", "error"],
      [4, "DUPLICATE_IN_FILE", "error"],
    ]);
    expect(Object.keys(out.findings[0]).sort()).toEqual(["code", "message", "row", "severity"]);
    const good = join(dir, "good.xlsx");
    writeFileSync(good, await xlsx([ROSTER_HEADER, ["1", "张三", id(1), card(1), "农商行", "东风村", "10", "105.50", "1055.00", ""]]));
    const ok = run(["check", good, "--item", "GDDLBH", "--period", "2026", "--json"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ rows: 1, findings: [] });
  }, 240_000);

  it("exits 2 for a file that is not a spreadsheet and for bad arguments", () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "not a spreadsheet");
    const unreadable = run(["check", text, "--item", "GDDLBH", "--period", "2026", "--json"]);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain("不是 Excel");
    const badPeriod = run(["check", text, "--item", "GDDLBH", "--period", "26", "--json"]);
    expect(badPeriod.status).toBe(2);
    expect(badPeriod.stderr).toContain("--period");
  }, 240_000);
});
