// Test helpers for the subsidy domain: real .xlsx files built with exceljs, uploads through the
// real HTTP app with a logged-in session, demo actors, and a funded indicator to pay from.
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Db } from "../platform/db.ts";
import { appUser, userRole, makeActor, type Actor, type RoleCode } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { installDefaultCatalogs, lookupClassification } from "../catalog/index.ts";
import { issueIndicator } from "../budget/index.ts";
import { DEMO_PASSWORD } from "../demo/seed.ts";
import { TEST_NOW } from "../../test/clock.ts";
import { chinaYear } from "../platform/workingDays.ts";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const ROSTER_HEADER = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];

/** An .xlsx file with the given rows (the first is usually the header), all cells as text. */
export async function xlsx(rows: readonly (readonly (string | number)[])[], sheetName = "清册"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow([...r]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function actorNamed(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`no user ${username}`);
  const roles = (await db.select().from(userRole).where(eq(userRole.userId, user.id))).map((r) => r.role as RoleCode);
  return makeActor(user, roles);
}

/** Issues an indicator of `amountFen` in 青禾镇 for paying subsidies, with the default catalogues. */
export async function fundedIndicator(db: Db, amountFen: bigint, at: Date = TEST_NOW): Promise<string> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const admin = await actorNamed(tx, "admin");
    const budget = await actorNamed(tx, "budget");
    const year = chinaYear(at);
    if (!(await lookupClassification(tx, "329901101", year, "functional", "213"))) await installDefaultCatalogs(tx, admin, year, at);
    const [unit] = await tx.select().from(budgetUnit).where(eq(budgetUnit.regionCode, "329901101"));
    const indicator = await issueIndicator(tx, budget, { regionCode: "329901101", fiscalYear: year, documentNo: `青财农〔${year}〕${Math.floor(Math.random() * 1000)}号`, source: "upperTransfer", budgetUnitId: unit!.id, functionalCode: "213", economicCode: "303", fundNature: "upperTransfer", paymentMethod: "direct", summary: "惠农补贴", amountFen }, at);
    return indicator.id;
  });
}

export interface Session {
  username: string;
  request(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; raw: Buffer; headers: Record<string, unknown> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  upload(url: string, file: Buffer, headers?: Record<string, string>): ReturnType<Session["request"]>;
}

/** Logs in through the real app and keeps the cookie and CSRF token, like the browser. */
export async function session(app: FastifyInstance, username: string): Promise<Session> {
  const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === "xc_session")!;
  const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
  const send = async (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload: Buffer | string | undefined, headers: Record<string, string>) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: { cookie: `xc_session=${cookie.value}`, ...(method === "GET" ? {} : { "x-csrf-token": csrf }), ...headers }, ...(payload === undefined ? {} : { payload }) });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // a file, not JSON
    }
    return { status: res.statusCode, body, raw: res.rawPayload, headers: res.headers as Record<string, unknown> };
  };
  return {
    username,
    request: (method, url, body, headers = {}) => send(method, url, body === undefined ? undefined : JSON.stringify(body), body === undefined ? headers : { "content-type": "application/json", ...headers }),
    upload: (url, file, headers = {}) => send("POST", url, file, { "content-type": XLSX, ...headers }),
  };
}
