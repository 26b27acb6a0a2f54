// Proves the command-line contract `xiangcai performance score <file.json> --json`: the exact JSON
// `{ score, grade }` with exit 0 for a good file (the same function as the app), and exit 2 with a
// message for weights not totalling 100, an unknown direction, a number that is not a decimal
// string, a file that is not JSON and a file that does not exist; and that the real binary runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../cli/main.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xiangcai-score-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) });
  return { code, stdout, stderr };
}

const good = {
  executionRate: "0.92",
  executionWeight: "10",
  indicators: [
    { direction: ">=", target: "100", actual: "95", weight: "50" },
    { direction: "<=", target: "20", actual: "22", weight: "30" },
    { direction: "=", target: "1", actual: "1", weight: "10" },
  ],
};

describe("xiangcai performance score", () => {
  it("prints exactly { score, grade } and exits 0", async () => {
    // 9.2 + 47.5 + 30 × 0.9 + 10 = 93.7
    const r = await cli("performance", "score", file("good.json", good), "--json");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"score":"93.70","grade":"优"}\n');
    expect(r.stderr).toBe("");
  });

  it("takes the execution weight as 10 when the file leaves it out", async () => {
    const r = await cli("performance", "score", file("default.json", { executionRate: "0.5", indicators: [{ direction: ">=", target: "100", actual: "60", weight: "90" }] }), "--json");
    expect(JSON.parse(r.stdout)).toEqual({ score: "59.00", grade: "差" });
  });

  it("scores the target-0 cases and the grade bounds word for word", async () => {
    const score = async (name: string, executionRate: string, indicators: { direction: string; target: string; actual: string; weight: string }[], executionWeight?: string) => {
      const r = await cli("performance", "score", file(name, { executionRate, ...(executionWeight ? { executionWeight } : {}), indicators }), "--json");
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { score: string; grade: string };
    };
    const i = (direction: string, target: string, actual: string, weight: string) => ({ direction, target, actual, weight });
    // ≥ with target 0: 1 when actual ≥ 0; ≤ with target 0: 1 only when actual is 0 (below 0 too is 0).
    expect(await score("ge0.json", "1", [i(">=", "0", "0", "45"), i(">=", "0", "-1", "45")])).toEqual({ score: "55.00", grade: "差" });
    expect(await score("le0.json", "1", [i("<=", "0", "0", "30"), i("<=", "0", "-1", "30"), i("<=", "0", "0.01", "30")])).toEqual({ score: "40.00", grade: "差" });
    // Half up at the third decimal, graded after rounding: x.xx5 reaches the bound, x.xx4 does not.
    const at = (actual: string) => score(`bound-${actual}.json`, "0", [i(">=", "100000", actual, "100")], "0");
    expect(await at("89995")).toEqual({ score: "90.00", grade: "优" });
    expect(await at("89994")).toEqual({ score: "89.99", grade: "良" });
    expect(await at("79995")).toEqual({ score: "80.00", grade: "良" });
    expect(await at("79994")).toEqual({ score: "79.99", grade: "中" });
    expect(await at("59995")).toEqual({ score: "60.00", grade: "中" });
    expect(await at("59994")).toEqual({ score: "59.99", grade: "差" });
  });

  it("explains the score in Chinese without --json", async () => {
    const r = await cli("performance", "score", file("text.json", good));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("总分 93.70，等级 优");
    expect(r.stdout).toContain("指标 2：完成 90.00%，得分 27.00");
  });

  it("exits 2 with a message for a bad file", async () => {
    const cases: [string, unknown, string][] = [
      ["weights.json", { ...good, indicators: good.indicators.slice(0, 1) }, "合计应为 100"],
      ["direction.json", { ...good, indicators: [{ ...good.indicators[0], direction: "≥" }, ...good.indicators.slice(1)] }, "方向"],
      ["number.json", { ...good, executionRate: 0.92 }, "十进制数字字符串"],
      ["notdecimal.json", { ...good, indicators: [{ ...good.indicators[0], actual: "九十五" }, ...good.indicators.slice(1)] }, "实际值"],
      ["notjson.json", "{ executionRate: 0.92", "不是有效的 JSON"],
      ["array.json", [], "JSON 对象"],
      ["noindicators.json", { executionRate: "1" }, "indicators"],
    ];
    for (const [name, content, message] of cases) {
      const r = await cli("performance", "score", file(name, content), "--json");
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe("");
      expect(r.stderr, name).toContain(message);
    }
    const missing = await cli("performance", "score", join(dir, "missing.json"), "--json");
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("无法读取");
    expect((await cli("performance", "score")).code).toBe(2);
    expect((await cli("performance", "grade", "x.json")).code).toBe(2);
  });

  it("runs as `npx xiangcai` from the repository root", () => {
    const root = new URL("../../../../", import.meta.url).pathname;
    const r = spawnSync(process.execPath, ["packages/server/bin/xiangcai.js", "performance", "score", file("bin.json", good), "--json"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ score: "93.70", grade: "优" });
  });
});
