// HTTP routes of government debt: the register (list, search, Excel import and export), a debt with its
// schedule (regenerate, Excel import and export), repayments as treasury payments (idempotent), the
// indicators of a township, the district's ranked page, comprehensive capacity, and a schedule preview.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { amendDebtBody, capacityBody, createDebtBody, debtDistrictQuery, debtIdParams, debtIndicatorsQuery, debtListQuery, fiscalYearSchema, parseYuan, regenerateScheduleBody, regionCodeSchema, repayBody, resolutionPlanBody } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { UPLOAD_BYTES_MAX } from "../subsidy/index.ts";
import { capacityOf, debtIndicators, districtDebt, enterCapacity, viewCapacity } from "./indicators.ts";
import { amendDebt, getDebt, listDebts, regenerateSchedule, registerDebt, setResolutionPlan } from "./register.ts";
import { repayLine } from "./repayment.ts";
import { debtListWorkbook, importDebtRegister, importScheduleSheet, scheduleWorkbook, DEBT_IMPORT_ROWS_MAX } from "./xlsx.ts";
import { generateSchedule, readTerms, scheduleJson } from "./schedule.ts";
import { sendWorkbook, XLSX_TYPE } from "../platform/sheets.ts";

const previewBody = z.strictObject({ principal: z.string().max(30), annualRate: z.string().max(20), startDate: z.string().max(20), periods: z.coerce.number().int(), frequency: z.string().max(20), method: z.string().max(20) });

/** An import with bad rows: 422 problem+json naming every row (path "行:字段"), nothing written. */
function sendRowErrors(reply: FastifyReply, errors: readonly { row: number; field: string; message: string }[]) {
  return reply
    .status(422)
    .type("application/problem+json; charset=utf-8")
    .send({ type: "about:blank", title: "IMPORT_ROWS_INVALID", status: 422, code: "IMPORT_ROWS_INVALID", detail: `有 ${errors.length} 处错误，未导入任何数据，请改正后重新导入。`, ok: false, errors: errors.map((e) => ({ path: `${e.row}:${e.field}`, message: e.message, row: e.row, field: e.field })) });
}

export async function debtRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["政府债务"];
  for (const type of [XLSX_TYPE, "application/octet-stream"]) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: UPLOAD_BYTES_MAX }, (_request, body, done) => done(null, body));
  }

  app.get("/debt/debts", { schema: { querystring: debtListQuery, tags }, config: { auth: { permission: "debt.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listDebts(db(), actorOf(request), filter, pageOf({ page, pageSize }), now()));
  });

  app.post("/debt/debts", { schema: { body: createDebtBody, tags }, config: { auth: { permission: "debt.manage" } } }, async (request, reply) => {
    const created = await inTransaction(app, (tx) => registerDebt(tx, actorOf(request), request.body, now()));
    return reply.status(201).send(created);
  });

  app.get("/debt/debts/export", { schema: { querystring: debtListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "debt.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "债务台账.xlsx", await debtListWorkbook(db(), actorOf(request), request.query, now())),
  );

  app.post("/debt/debts/import", { schema: { querystring: z.strictObject({ regionCode: regionCodeSchema }), tags }, config: { auth: { permission: "debt.manage" } } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => importDebtRegister(tx, actorOf(request), request.query.regionCode, request.body, now()));
    return result.ok ? reply.status(201).send(result) : sendRowErrors(reply, result.errors);
  });

  app.get("/debt/debts/:id", { schema: { params: debtIdParams, tags }, config: { auth: { permission: "debt.read" } } }, async (request) => getDebt(db(), actorOf(request), request.params.id, now()));

  app.patch("/debt/debts/:id", { schema: { params: debtIdParams, body: amendDebtBody, tags }, config: { auth: { permission: "debt.manage" } } }, async (request) =>
    inTransaction(app, (tx) => amendDebt(tx, actorOf(request), request.params.id, request.body, now())),
  );

  app.put("/debt/debts/:id/resolution-plan", { schema: { params: debtIdParams, body: resolutionPlanBody, tags }, config: { auth: { permission: "debt.manage" } } }, async (request) =>
    inTransaction(app, (tx) => setResolutionPlan(tx, actorOf(request), request.params.id, request.body, now())),
  );

  app.post("/debt/debts/:id/schedule", { schema: { params: debtIdParams, body: regenerateScheduleBody, tags }, config: { auth: { permission: "debt.manage" } } }, async (request) =>
    inTransaction(app, (tx) => regenerateSchedule(tx, actorOf(request), request.params.id, request.body, now())),
  );

  app.post("/debt/debts/:id/schedule/import", { schema: { params: debtIdParams, tags }, config: { auth: { permission: "debt.manage" } } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => importScheduleSheet(tx, actorOf(request), request.params.id, request.body, now()));
    return result.ok ? reply.status(200).send(result) : sendRowErrors(reply, result.errors);
  });

  app.get("/debt/debts/:id/schedule/export", { schema: { params: debtIdParams, tags }, config: { auth: { permission: "debt.read" } } }, async (request, reply) => {
    const file = await scheduleWorkbook(db(), actorOf(request), request.params.id, now());
    return sendWorkbook(reply, file.fileName, file.bytes);
  });

  app.post("/debt/debts/:id/repayments", { schema: { params: debtIdParams, body: repayBody, tags }, config: { auth: { permission: "debt.repay" } } }, async (request, reply) => {
    const { principal, interest, ...rest } = request.body;
    // A debt outside the scope answers OUT_OF_SCOPE before anything else (the key included).
    await getDebt(db(), actorOf(request), request.params.id, now());
    return sendIdempotent(request, reply, "debt.repay", (tx) => repayLine(tx, actorOf(request), request.params.id, { ...rest, principalFen: parseYuan(principal), interestFen: parseYuan(interest) }, now()));
  });

  app.get("/debt/indicators", { schema: { querystring: debtIndicatorsQuery, tags }, config: { auth: { permission: "debt.read" } } }, async (request) => debtIndicators(db(), actorOf(request), request.query, now()));

  app.get("/debt/district", { schema: { querystring: debtDistrictQuery, tags }, config: { auth: { permission: "debt.read" } } }, async (request) => districtDebt(db(), actorOf(request), request.query, now()));

  app.get("/debt/capacity", { schema: { querystring: z.strictObject({ regionCode: regionCodeSchema, year: fiscalYearSchema }), tags }, config: { auth: { permission: "debt.read" } } }, async (request) => {
    const actor = actorOf(request);
    // Read through the indicators' scope check.
    await debtIndicators(db(), actor, { regionCode: request.query.regionCode, year: request.query.year }, now());
    return viewCapacity(await capacityOf(db(), request.query.regionCode, request.query.year));
  });

  app.post("/debt/capacity", { schema: { body: capacityBody, tags }, config: { auth: { permission: "debt.manage" } } }, async (request, reply) => {
    const b = request.body;
    const saved = await inTransaction(app, (tx) =>
      enterCapacity(tx, actorOf(request), { regionCode: b.regionCode, year: b.year, generalRevenueFen: parseYuan(b.generalRevenue), transferRevenueFen: parseYuan(b.transferRevenue), fundRevenueFen: parseYuan(b.fundRevenue), stateCapitalRevenueFen: parseYuan(b.stateCapitalRevenue), note: b.note }, now()),
    );
    return reply.status(201).send(saved);
  });

  // The schedule the rules give for terms, before registering (the form shows it); nothing is stored.
  app.post("/debt/schedule-preview", { schema: { body: previewBody, tags }, config: { auth: { permission: "debt.read" } } }, async (request, reply) => {
    const b = request.body;
    const read = readTerms({ principal: b.principal, rate: b.annualRate, start: b.startDate, periods: String(b.periods), frequency: b.frequency, method: b.method });
    if (!read.ok) return reply.status(400).type("application/problem+json; charset=utf-8").send({ type: "about:blank", title: "VALIDATION_FAILED", status: 400, code: "VALIDATION_FAILED", detail: read.problems.map((p) => p.message).join("；"), errors: read.problems.map((p) => ({ path: p.field, message: p.message })) });
    return { lines: scheduleJson(generateSchedule(read.terms)) };
  });

  void DEBT_IMPORT_ROWS_MAX;
}
