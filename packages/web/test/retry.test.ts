// Proves, through the web app's own client code against the real server (the app listening on a
// port, on a demo database), that a person's retry reaches the server as the same command: a voucher
// entry and a subsidy batch whose answer is lost on the way back (the connection drops after the
// server committed) are sent again by the form's CommandKey with the same Idempotency-Key, the server
// answers the first result again (idempotent-replayed), and nothing changes the second time. After
// success the form draws a new key, so the next voucher is a new command.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../server/test/http.ts";
import { DEMO_PASSWORD } from "../../server/src/demo/seed.ts";
import { DEMO_LEDGER_IDS } from "../../server/src/ledger/demo.ts";
import { ApiError, authApi, setAuthEvents, setCsrfToken } from "../src/api.ts";
import { CommandKey } from "../src/lib/commandKey.ts";
import { ledgerApi } from "../src/pages/ledger/ledgerApi.ts";
import { subsidyApi } from "../src/pages/subsidy/subsidyApi.ts";

/** One request as it crossed the wire: what the server received and how it answered. */
interface Sent {
  method: string;
  path: string;
  key: string | null;
  status: number;
  replayed: boolean;
}

let t: TestApp;
let base = "";
let cookie: string | null = null;
const sent: Sent[] = [];
/** Requests whose answer is lost once: the server gets and commits them, the browser sees a dropped connection. */
const dropAnswerOnce = new Set<string>();
const realFetch = globalThis.fetch;

beforeAll(async () => {
  t = await startTestApp("demo");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  setAuthEvents({ onUnauthenticated: () => undefined, onStepRequired: () => undefined });
  // The browser's part: same-origin paths, the session cookie kept between calls.
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie !== null) headers.set("cookie", cookie);
    const response = await realFetch(`${base}${input}`, { ...init, headers });
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(";")[0]!;
      cookie = pair.endsWith("=") ? null : pair;
    }
    const method = init.method ?? "GET";
    const path = input.split("?")[0]!;
    sent.push({ method, path, key: headers.get("idempotency-key"), status: response.status, replayed: response.headers.get("idempotent-replayed") === "true" });
    if (dropAnswerOnce.delete(`${method} ${path}`)) {
      await response.arrayBuffer(); // the server has answered: the command is done and committed
      throw new TypeError("fetch failed");
    }
    return response;
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

async function signIn(username: string): Promise<void> {
  cookie = null;
  setCsrfToken(null);
  const answer = await authApi.login(username, DEMO_PASSWORD);
  expect(answer.status).toBe("ok");
}

/** The commands that reached the server at `path`, in order. */
const commandsAt = (path: string) => sent.filter((s) => s.method === "POST" && s.path === `/api/v1${path}`);

describe("a retried command from the web client", () => {
  it("enters a voucher once: the retry after a lost answer carries the same key and replays the first voucher", async () => {
    await signIn("unitacct");
    const setId = DEMO_LEDGER_IDS.qingheSet;
    const open = (await ledgerApi.set(setId)).periods.find((p) => p.status === "open")!;
    const month = { setId, year: open.year, month: open.month, pageSize: 100 };
    const before = (await ledgerApi.vouchers(month)).total;
    const body = {
      setId,
      date: `${open.year}-${String(open.month).padStart(2, "0")}-05`,
      summary: "网页重试测试：支付办公费",
      attachments: 1,
      lines: [
        { account: "5101", debit: "88.00" },
        { account: "1011", credit: "88.00" },
        { account: "7101010101", debit: "88.00", aux: { functional: "2010101", economic: "30201" } },
        { account: "800101", credit: "88.00" },
      ],
    };
    const form = new CommandKey();
    const key = form.value;

    dropAnswerOnce.add("POST /api/v1/ledger/vouchers");
    const lost = await form.run((k) => ledgerApi.enter(body, k)).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ApiError);
    expect(lost).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    expect(form.value).toBe(key); // not done as far as the person knows: the key stays

    const voucher = await form.run((k) => ledgerApi.enter(body, k));
    const attempts = commandsAt("/ledger/vouchers");
    expect(attempts.map((a) => [a.key, a.status, a.replayed])).toEqual([
      [key, 201, false],
      [key, 201, true],
    ]);
    expect((await ledgerApi.vouchers(month)).total).toBe(before + 1);
    const listed = (await ledgerApi.vouchers({ ...month, q: "网页重试测试" })).items;
    expect(listed.map((v) => v.id)).toEqual([voucher.id]);
    expect(voucher).toMatchObject({ summary: body.summary, status: "entered", enteredByName: "张伟" });

    // Done: the form's next voucher is a new command with a new key.
    expect(form.value).not.toBe(key);
  });

  it("makes a subsidy batch once: the retry after a lost answer carries the same key and replays the first batch", async () => {
    // The district approves 幸福村's roster whose notice is over (the demo's), so that it can be paid.
    await signIn("supervisor");
    // 青禾镇幸福村 (329901101204): every township of the demo has rosters waiting for the district.
    const roster = (await subsidyApi.rosters({ status: "districtReview", villageCode: "329901101204", pageSize: 100 })).items[0]!;
    expect(roster).toBeDefined();
    await subsidyApi.move(roster.id, { action: "districtApprove", expectedState: "districtReview" });

    await signIn("cashier");
    expect((await subsidyApi.roster(roster.id)).status).toBe("payment");
    const unpaid = (await subsidyApi.lines(roster.id, { status: "unpaid", pageSize: 100 })).total;
    expect(unpaid).toBeGreaterThan(0);
    const action = new CommandKey();
    const key = action.value;

    dropAnswerOnce.add(`POST /api/v1/subsidy/rosters/${roster.id}/batches`);
    const lost = await action.run((k) => subsidyApi.createBatch(roster.id, { bankCode: "RCB", kind: "first" }, k)).catch((e: unknown) => e);
    expect(lost).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    expect(action.value).toBe(key);

    const batch = await action.run((k) => subsidyApi.createBatch(roster.id, { bankCode: "RCB", kind: "first" }, k));
    const attempts = commandsAt(`/subsidy/rosters/${roster.id}/batches`);
    expect(attempts.map((a) => [a.key, a.status, a.replayed])).toEqual([
      [key, 201, false],
      [key, 201, true],
    ]);
    const batches = (await subsidyApi.batches({ rosterId: roster.id, pageSize: 100 })).items;
    expect(batches.map((b) => b.id)).toEqual([batch.id]);
    expect(batch).toMatchObject({ kind: "first", lineCount: unpaid });
    expect((await subsidyApi.lines(roster.id, { status: "inBank", pageSize: 100 })).total).toBe(unpaid);
    expect((await subsidyApi.lines(roster.id, { status: "unpaid", pageSize: 100 })).total).toBe(0);
    expect(action.value).not.toBe(key);
  });

  it("keeps the key when the server refuses, so that a corrected retry is still one command", async () => {
    await signIn("unitacct");
    const setId = DEMO_LEDGER_IDS.qingheSet;
    const open = (await ledgerApi.set(setId)).periods.find((p) => p.status === "open")!;
    const date = `${open.year}-${String(open.month).padStart(2, "0")}-06`;
    const form = new CommandKey();
    const key = form.value;
    const unbalanced = { setId, date, summary: "网页重试测试：先错后改", attachments: 0, lines: [{ account: "5101", debit: "1.00" }, { account: "1011", credit: "2.00" }] };
    await expect(form.run((k) => ledgerApi.enter(unbalanced, k))).rejects.toMatchObject({ status: 422, code: "UNBALANCED_FINANCIAL" });
    expect(form.value).toBe(key);
    const fixed = { ...unbalanced, lines: [{ account: "5101", debit: "2.00" }, { account: "1011", credit: "2.00" }], confirmParallel: true };
    const voucher = await form.run((k) => ledgerApi.enter(fixed, k));
    expect(commandsAt("/ledger/vouchers").slice(-2).map((a) => [a.key, a.status, a.replayed])).toEqual([
      [key, 422, false],
      [key, 201, false],
    ]);
    expect(voucher.summary).toBe("网页重试测试：先错后改");
  });
});
