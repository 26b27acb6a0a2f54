// Proves the command-line contract of `xiangcai debt schedule`: the JSON shape and figures from the
// same rules as the app, a readable table without --json, and exit 2 with a message on every kind of
// bad argument — through the CLI's entry point and once through the real binary.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { run } from "../cli/main.ts";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

const base = ["debt", "schedule", "--principal", "1000000", "--rate", "3.25", "--start", "2026-01-31", "--periods", "12", "--frequency", "monthly", "--method", "bullet"];

describe("xiangcai debt schedule", () => {
  it("prints the schedule as JSON: period, due date, amounts as yuan strings, balance after the period", async () => {
    const { code, out } = await cli(...base, "--json");
    expect(code).toBe(0);
    const lines = JSON.parse(out);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toEqual({ period: 1, dueDate: "2026-02-28", principal: "0.00", interest: "2708.33", payment: "2708.33", balance: "1000000.00" });
    expect(lines[11]).toEqual({ period: 12, dueDate: "2027-01-31", principal: "1000000.00", interest: "2708.33", payment: "1002708.33", balance: "0.00" });
    expect(Object.keys(lines[0])).toEqual(["period", "dueDate", "principal", "interest", "payment", "balance"]);
  });

  it("computes the annuity exactly", async () => {
    const { out } = await cli("debt", "schedule", "--principal", "1000000.00", "--rate", "4.9", "--start", "2026-01-20", "--periods", "360", "--frequency", "monthly", "--method", "annuity", "--json");
    const lines = JSON.parse(out);
    expect(lines[0].payment).toBe("5307.27");
    expect(lines[359]).toEqual({ period: 360, dueDate: "2056-01-20", principal: "5283.62", interest: "21.57", payment: "5305.19", balance: "0.00" });
  });

  it("prints a table with totals without --json", async () => {
    const { code, out } = await cli(...base);
    expect(code).toBe(0);
    expect(out).toContain("期次\t到期日\t本金\t利息\t本息合计\t剩余本金");
    expect(out).toContain("合计\t\t1000000.00\t32499.96\t1032499.96");
  });

  it.each([
    [["--principal", "0"], "本金须大于 0"],
    [["--rate", "-1"], "年利率不能为负数"],
    [["--start", "2026-02-30"], "不是有效日期"],
    [["--periods", "601"], "1-600"],
    [["--frequency", "weekly"], "还款频率"],
    [["--method", "balloon"], "还款方式"],
    [["--bogus", "1"], "Unknown option"],
  ])("exits 2 on %j", async (change, message) => {
    const args = [...base];
    const at = args.indexOf(change[0]!);
    if (at >= 0) args[at + 1] = change[1]!;
    else args.push(...change);
    const { code, err, out } = await cli(...args, "--json");
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe("");
  });

  it("exits 2 when an argument or the subcommand is missing", async () => {
    expect((await cli("debt", "schedule", "--principal", "100")).err).toContain("缺少参数：--rate --start --periods --frequency --method");
    expect((await cli("debt", "plan")).code).toBe(2);
  });

  it("runs through the real binary", () => {
    const bin = join(import.meta.dirname, "../../bin/xiangcai.js");
    const ok = spawnSync(process.execPath, [bin, ...base, "--json"], { encoding: "utf8", timeout: 120_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)[0].interest).toBe("2708.33");
    const bad = spawnSync(process.execPath, [bin, "debt", "schedule", "--principal", "x"], { encoding: "utf8", timeout: 120_000 });
    expect(bad.status).toBe(2);
  }, 120_000);
});
