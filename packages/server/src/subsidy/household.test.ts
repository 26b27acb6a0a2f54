// Proves the head-of-household rule (DOMAIN.md §8: per-household subsidies go to the head of
// household's card) on roster imports and through the real `roster check` binary on the demo
// registry: CARD_NOT_HEAD when the card's holder (or, for an unregistered card, the person) is
// not the head, naming the head; nothing for the head, for unknown people, or per-person items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { demoBinary } from "../../test/binary.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { demoSpouseId } from "./demoPersonal.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";

let t: TestApp;
let clerk: Session;
const id = (n: number) => generatedResidentId("19700505", 500 + n);
const card = (n: number) => generatedCard(6600 + n);

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await session(t.app, "subsidy");
  const registry = await xlsx([
    ["姓名", "身份证号", "村（居）", "户号", "户主", "银行卡号", "开户银行"],
    ["张大", id(1), "东风村", "H01", "是", card(1), "农商行"],
    ["张二", id(2), "东风村", "H01", "否", card(2), "农商行"],
    ["张三", id(3), "东风村", "H01", "否", "", ""],
    ["李独", id(4), "东风村", "", "", card(4), "农商行"],
  ]);
  expect((await clerk.upload("/subsidy/recipients/import", registry)).status).toBe(200);
});
afterAll(async () => t?.close());

const row = (name: string, residentId: string, cardNo: string, qty = "2", std = "105.50", amount = "211.00") => ["1", name, residentId, cardNo, "农商行", "东风村", qty, std, amount, ""];
const findings = (body: { findings: { row: number; code: string; message: string }[] }) => body.findings.map((f) => [f.row, f.code]);

describe("the head of household's card", () => {
  it("refuses a per-household item on a card that is not the head's, and names the head", async () => {
    const file = await xlsx([
      ROSTER_HEADER,
      row("张大", id(1), card(1)), // 2: the head, own card
      row("张二", id(2), card(2)), // 3: a member's own registered card
      row("张三", id(3), card(3)), // 4: a member whose (new) card is not registered
      row("王外", id(5), card(5)), // 5: not in the registry: nothing to check against
      row("李独", id(4), card(4)), // 6: registered without a household: not the head either
    ]);
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=NJGZ&period=2031&villageCode=329901101201", file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(findings(res.body).filter((f) => f[1] === "CARD_NOT_HEAD")).toEqual([
      [3, "CARD_NOT_HEAD"],
      [4, "CARD_NOT_HEAD"],
      [6, "CARD_NOT_HEAD"],
    ]);
    const messages = res.body.findings.filter((f: { code: string }) => f.code === "CARD_NOT_HEAD").map((f: { message: string }) => f.message);
    expect(messages[0]).toBe(`按户发放的补贴须发到户主的银行卡：银行卡号 ****${card(2).slice(-4)} 的持卡人在名册中不是户主（户主为“张大”）`);
    expect(messages[1]).toBe("按户发放的补贴须发到户主的银行卡：该人员在名册中不是户主（户主为“张大”）");
    expect(messages[2]).toBe(`按户发放的补贴须发到户主的银行卡：银行卡号 ****${card(4).slice(-4)} 的持卡人在名册中不是户主`);
    expect(res.body.roster.errorCount).toBe(3);
  });

  it("accepts the head's card on a member's line only as a card owned by another (CARD_OWNER_MISMATCH), not CARD_NOT_HEAD", async () => {
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=NJGZ&period=2032&villageCode=329901101201", await xlsx([ROSTER_HEADER, row("张二", id(2), card(1))]));
    expect(findings(res.body)).toEqual([[2, "CARD_OWNER_MISMATCH"]]);
  });

  it("does not apply to a per-person item", async () => {
    const res = await clerk.upload("/subsidy/rosters/import?itemCode=GLJT&period=2031-01&villageCode=329901101201", await xlsx([ROSTER_HEADER, row("张二", id(2), card(2), "1", "100.00", "100.00")]));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(findings(res.body)).toEqual([]);
  });
});

describe("xiangcai roster check on the demo registry", () => {
  const dir = mkdtempSync(join(tmpdir(), "xc-household-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints CARD_NOT_HEAD for the demo spouse's card on a per-household item, and exits 1", async () => {
    const binary = await demoBinary(join(dir, "data"));
    const run = (args: string[]) => binary.run(args);
    const file = join(dir, "spouse.xlsx");
    writeFileSync(file, await xlsx([ROSTER_HEADER, ["1", "陈秀英", demoSpouseId(0), generatedCard(100), "青禾农商行", "东风村", "2", "105.50", "211.00", ""]]));
    const json = run(["roster", "check", file, "--item", "GDDLBH", "--period", "2030", "--region", "329901101", "--json"]);
    expect(json.status, json.stderr).toBe(1);
    expect(JSON.parse(json.stdout).findings).toEqual([{ row: 2, code: "CARD_NOT_HEAD", severity: "error", message: expect.stringContaining("户主为“刘秀兰”") }]);
    const text = run(["roster", "check", file, "--item", "GDDLBH", "--period", "2030", "--region", "329901101"]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("第 2 行\t错误\tCARD_NOT_HEAD\t按户发放的补贴须发到户主的银行卡");
    const perPerson = join(dir, "spouse-gljt.xlsx");
    writeFileSync(perPerson, await xlsx([ROSTER_HEADER, ["1", "陈秀英", demoSpouseId(0), generatedCard(100), "青禾农商行", "东风村", "1", "100.00", "100.00", ""]]));
    const ok = run(["roster", "check", perPerson, "--item", "GLJT", "--period", "2030-01", "--region", "329901101", "--json"]);
    expect(ok.status, ok.stderr).toBe(0);
  }, 420_000);
});
