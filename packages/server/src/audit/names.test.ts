// Proves that every action and object type the server records in the audit log has a Chinese name
// (the log page shows 凭证记账, not ledger.voucherPosted): the literal codes found in the sources,
// every flow step's action (flow.approve …) and the actions built from a status (payment.paid …).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditActionName, auditEntityTypeName, paymentStatuses } from "@xiangcai/shared";
import { registerDomains, flows } from "../domains.ts";

const ROOT = new URL("..", import.meta.url).pathname;
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !/test[A-Z]\w*\.ts$|testKit|testing|fixtures/i.test(name)) out.push(path);
  }
  return out;
}
const text = sources(ROOT).map((p) => readFileSync(p, "utf8")).join("\n");
const literal = (pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))].sort();
const chinese = (name: string) => !/[a-zA-Z]/.test(name);

beforeAll(() => registerDomains());

describe("names in the audit log", () => {
  it("names every literal action the server records", () => {
    const actions = literal(/action: "([a-zA-Z]+\.[a-zA-Z.]+)"/g);
    expect(actions.length).toBeGreaterThan(80);
    expect(actions.filter((a) => !chinese(auditActionName(a)))).toEqual([]);
  });

  it("names every object type", () => {
    const types = literal(/entityType: "([a-zA-Z]+)"/g);
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((t) => !chinese(auditEntityTypeName(t)))).toEqual([]);
  });

  it("names every flow step's action and every payment status", () => {
    const flowActions = [...new Set(flows.flatMap((f) => f.transitions.map((t) => t.action)))];
    expect(flowActions.filter((a) => !chinese(auditActionName(`flow.${a}`)))).toEqual([]);
    expect(paymentStatuses.filter((s) => !chinese(auditActionName(`payment.${s}`)))).toEqual([]);
    for (const s of ["accepted", "cut", "returned"]) expect(chinese(auditActionName(`budgetLine.${s}`))).toBe(true);
  });

  it("leaves an unknown code as it is rather than guessing", () => {
    expect(auditActionName("something.new")).toBe("something.new");
    expect(auditActionName("user.login")).toBe("登录");
    expect(auditActionName("ledger.voucherPosted")).toBe("凭证记账");
    expect(auditEntityTypeName("outboxEvent")).toBe("跨业务消息");
  });
});
