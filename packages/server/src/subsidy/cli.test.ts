// Proves the `roster check` argument contract in-process (the binary itself is run in
// roster.test.ts): bad or missing arguments and missing files exit 2 before any database work.
import { describe, expect, it } from "vitest";
import { runRosterCommand } from "./cli.ts";

const run = async (args: string[]) => {
  let out = "";
  let err = "";
  const code = await runRosterCommand(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
};

describe("roster check arguments", () => {
  it("exits 2 for an unknown sub-command, a missing file, a missing item and a bad period or region", async () => {
    expect((await run(["list"])).code).toBe(2);
    expect((await run(["check", "--item", "A", "--period", "2026"])).code).toBe(2);
    expect((await run(["check", "x.xlsx", "--period", "2026"])).err).toContain("--item");
    expect((await run(["check", "x.xlsx", "--item", "A", "--period", "2026-13"])).err).toContain("--period");
    expect((await run(["check", "x.xlsx", "--item", "A", "--period", "2026", "--region", "12"])).err).toContain("--region");
    expect((await run(["check", "x.xlsx", "--item", "A", "--period", "2026", "--unknown"])).code).toBe(2);
  });
  it("exits 2 for a file that does not exist", async () => {
    const res = await run(["check", "/nonexistent/roster.xlsx", "--item", "A", "--period", "2026"]);
    expect(res.code).toBe(2);
    expect(res.err).toContain("文件不存在");
  });
});
