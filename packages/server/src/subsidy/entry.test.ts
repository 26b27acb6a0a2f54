// Proves rosters entered by hand (录入) instead of imported: an empty roster is started, lines are
// added, changed and removed while it is with the village, each line judged by exactly the checks
// an imported row gets (the same findings for the same rows), duplicates re-derived across lines,
// totals kept, every change audited; refused outside entry, outside the scope, and for bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { auditLog } from "../audit/index.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";

let t: TestApp;
let village: Session;
let clerk: Session;
let rosterId = "";
const id = (n: number) => generatedResidentId("19400808", 600 + n);
const card = (n: number) => generatedCard(5500 + n);
const entry = (name: string, residentId: string, cardNo: string, amount = "300.00", quantity = "3", standard = "100.00") => ({ name, residentId, card: cardNo, bank: "农商行", village: "东风村", quantity, standard, amount, remark: "" });
type Found = { code: string; severity: string; message: string };
const codes = (findings: Found[]) => findings.map((f) => f.code);

beforeAll(async () => {
  t = await startTestApp("demo");
  village = await session(t.app, "village");
  clerk = await session(t.app, "subsidy");
  const registry = await xlsx([["姓名", "身份证号", "村（居）", "户主", "银行卡号"], ["录入甲", id(1), "东风村", "是", card(1)], ["已故乙", id(2), "东风村", "是", card(2)]]);
  expect((await clerk.upload("/subsidy/recipients/import", registry)).status).toBe(200);
  expect((await clerk.upload("/subsidy/reference-lists/deceased/import", await xlsx([["身份证号"], [id(2)]]))).status).toBe(200);
});
afterAll(async () => t?.close());

describe("a roster entered by hand", () => {
  it("starts empty for the village, in entry, with its flow", async () => {
    const res = await village.request("POST", "/subsidy/rosters", { itemCode: "GLJT", period: "2033-01" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ villageCode: "329901101201", status: "draft", lineCount: 0, total: "0.00", sourceName: "录入" });
    expect(res.body.flowInstanceId).toBeTruthy();
    rosterId = res.body.id;
    expect((await village.request("POST", "/subsidy/rosters", { itemCode: "GLJT", period: "2033" })).body.code).toBe("VALIDATION_FAILED");
    expect((await village.request("POST", "/subsidy/rosters", { itemCode: "GLJT", period: "2033-01", villageCode: "329901101202" })).body.code).toBe("OUT_OF_SCOPE");
  });

  it("adds a clean line as row 2 and keeps the totals", async () => {
    const res = await village.request("POST", `/subsidy/rosters/${rosterId}/lines`, entry("录入甲", id(1), card(1)));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.line).toMatchObject({ lineNo: 2, name: "录入甲", residentIdMasked: `${id(1).slice(0, 6)}********${id(1).slice(-4)}`, cardMasked: `****${card(1).slice(-4)}`, amount: "300.00", findings: [] });
    expect(res.body.roster).toMatchObject({ lineCount: 1, total: "300.00", errorCount: 0 });
    expect(JSON.stringify(res.body)).not.toContain(id(1));
  });

  it("judges an entered line exactly as the same row imported from Excel", async () => {
    const rows = [
      entry("", id(3), card(3)),
      entry("坏号", "32990119400808999", card(4)),
      entry("坏卡", id(5), `${card(5).slice(0, -1)}${(Number(card(5).slice(-1)) + 1) % 10}`),
      entry("错额", id(6), card(6), "301.00"),
      entry("超标", id(7), card(7), "330.00", "3", "110.00"),
      entry("已故乙", id(2), card(2)),
      entry("冒名", id(1), card(8)),
      entry("外村", id(9), card(9), "300.00", "3", "100.00"),
    ];
    rows[7]!.village = "不存在村";
    const imported = await clerk.upload(
      "/subsidy/rosters/import?itemCode=GLJT&period=2034-01&villageCode=329901101201",
      await xlsx([ROSTER_HEADER, ...rows.map((r, i) => [String(i + 1), r.name, r.residentId, r.card, r.bank, r.village, r.quantity, r.standard, r.amount, r.remark])]),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const fromFile = (row: number) => imported.body.findings.filter((f: { row: number }) => f.row === row).map((f: Found & { row: number }) => ({ code: f.code, severity: f.severity, message: f.message }));
    for (const [i, r] of rows.entries()) {
      const res = await village.request("POST", `/subsidy/rosters/${rosterId}/lines`, r);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const lineNo = res.body.line.lineNo as number;
      expect(lineNo).toBe(i + 3);
      const same = fromFile(i + 2).filter((f: Found) => f.code !== "NAME_ID_MISMATCH" && f.code !== "DUPLICATE_IN_FILE");
      const entered = res.body.line.findings.filter((f: Found) => f.code !== "NAME_ID_MISMATCH" && f.code !== "DUPLICATE_IN_FILE");
      expect(entered, r.name || "(空)").toEqual(same);
      expect(res.body.findings.every((f: { row: number }) => f.row === lineNo)).toBe(true);
    }
    const lines = (await village.request("GET", `/subsidy/rosters/${rosterId}/lines?pageSize=100`)).body.items;
    const byName = (name: string) => lines.find((l: { name: string }) => l.name === name);
    expect(codes(byName("").findings)).toEqual(["NAME_MISSING"]);
    expect(codes(byName("坏号").findings)).toEqual(["ID_INVALID"]);
    expect(codes(byName("坏卡").findings)).toEqual(["CARD_INVALID"]);
    expect(codes(byName("错额").findings)).toEqual(["AMOUNT_MISMATCH"]);
    expect(codes(byName("超标").findings)).toEqual(["OVER_STANDARD"]);
    expect(codes(byName("已故乙").findings)).toEqual(["DECEASED"]);
    expect(codes(byName("冒名").findings)).toEqual(["DUPLICATE_IN_FILE", "NAME_ID_MISMATCH"]);
    expect(byName("冒名").findings[0].message).toBe("与第 2 行为同一身份证号");
    expect(codes(byName("外村").findings)).toEqual(["VILLAGE_UNKNOWN"]);
  });

  it("re-derives duplicates when a line is changed or removed, and fixes findings on change", async () => {
    const lines = (await village.request("GET", `/subsidy/rosters/${rosterId}/lines?pageSize=100`)).body.items;
    const impostor = lines.find((l: { name: string }) => l.name === "冒名").lineNo as number;
    const fixed = await village.request("PUT", `/subsidy/rosters/${rosterId}/lines/${impostor}`, entry("改正丙", id(10), card(10)));
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.line).toMatchObject({ lineNo: impostor, name: "改正丙", findings: [] });
    // Line 2 now duplicated by a later line; removing line 2 leaves the later one clean.
    const dup = await village.request("POST", `/subsidy/rosters/${rosterId}/lines`, entry("录入甲", id(1), card(1)));
    expect(codes(dup.body.line.findings)).toEqual(["DUPLICATE_IN_FILE"]);
    const removed = await village.request("DELETE", `/subsidy/rosters/${rosterId}/lines/2`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const after = (await village.request("GET", `/subsidy/rosters/${rosterId}/lines?pageSize=100`)).body.items;
    expect(after.find((l: { lineNo: number }) => l.lineNo === dup.body.line.lineNo).findings).toEqual([]);
    expect(after.some((l: { lineNo: number }) => l.lineNo === 2)).toBe(false);
    const roster = (await village.request("GET", `/subsidy/rosters/${rosterId}`)).body;
    expect(roster.lineCount).toBe(after.length);
    expect(roster.errorCount).toBe(after.flatMap((l: { findings: Found[] }) => l.findings).filter((f: Found) => f.severity === "error").length);
    const actions = (await t.database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityId, rosterId)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["subsidy.rosterCreated", "subsidy.lineAdded", "subsidy.lineChanged", "subsidy.lineDeleted"]));
  });

  it("keeps the ID and card numbers of a line when a change leaves them out", async () => {
    const added = await village.request("POST", `/subsidy/rosters/${rosterId}/lines`, entry("保留丁", id(12), card(12)));
    const { lineNo, residentIdMasked, cardMasked } = added.body.line;
    const { residentId: _id, card: _card, ...rest } = entry("保留丁", id(12), card(12), "600.00", "6");
    const changed = await village.request("PUT", `/subsidy/rosters/${rosterId}/lines/${lineNo}`, rest);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.line).toMatchObject({ lineNo, residentIdMasked, cardMasked, quantity: "6", amount: "600.00", findings: [] });
  });

  it("refuses bad input, a missing line, another village's roster and a roster past entry, changing nothing", async () => {
    expect((await village.request("POST", `/subsidy/rosters/${rosterId}/lines`, { ...entry("甲", id(11), card(11)), phone: "1" })).status).toBe(400);
    expect((await village.request("PUT", `/subsidy/rosters/${rosterId}/lines/999`, entry("甲", id(11), card(11)))).body).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect((await village.request("DELETE", `/subsidy/rosters/${rosterId}/lines/999`)).body.code).toBe("NOT_FOUND");
    const others = (await clerk.request("GET", "/subsidy/rosters?villageCode=329901101203&status=draft")).body.items;
    expect((await village.request("POST", `/subsidy/rosters/${others[0].id}/lines`, entry("甲", id(11), card(11)))).body.code).toBe("OUT_OF_SCOPE");
    const notice = (await clerk.request("GET", "/subsidy/rosters?status=notice")).body.items[0];
    const before = (await clerk.request("GET", `/subsidy/rosters/${notice.id}`)).body;
    expect((await clerk.request("POST", `/subsidy/rosters/${notice.id}/lines`, entry("甲", id(11), card(11)))).body).toMatchObject({ status: 409, code: "NOT_EDITABLE" });
    expect((await clerk.request("DELETE", `/subsidy/rosters/${notice.id}/lines/2`)).body.code).toBe("NOT_EDITABLE");
    expect((await clerk.request("GET", `/subsidy/rosters/${notice.id}`)).body).toEqual(before);
  });
});
