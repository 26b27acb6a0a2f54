// HTTP routes of the park credit programme (财园信贷通), at district level: banks and their risk
// compensation fund, loans and their moves (money-moving commands are idempotent), the fund's
// movements and the figures by bank and year.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageQuery, parkBankBody, parkCompensateBody, parkFundBody, parkIdParams, parkLoanBody, parkLoanListQuery, parkLoanMarkBody, parkRecoverBody, parkRepayBody, uuidSchema, type Items, type Page, type ParkBankView, type ParkFiguresView, type ParkFundMovementView, type ParkLoanDetailView, type ParkLoanView } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { compensateLoan, createBank, getBank, getLoan, grantLoan, listBanks, listFundMovements, listLoans, markLoan, moveFund, recoverLoan, repayLoan } from "./parkCredit.ts";
import { parkCreditFigures } from "./parkCreditFigures.ts";
import { parkLoansWorkbook } from "./xlsx.ts";
import { sendWorkbook } from "../platform/sheets.ts";

export async function parkCreditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["财园信贷通"];
  const read = { auth: { permission: "parkCredit.read" as const } };
  const manage = { auth: { permission: "parkCredit.manage" as const } };

  app.get("/park-credit/banks", { schema: { tags }, config: read }, async (request): Promise<Items<ParkBankView>> => ({ items: await listBanks(db(), actorOf(request), now()) }));
  app.post("/park-credit/banks", { schema: { body: parkBankBody, tags }, config: manage }, async (request, reply) => reply.status(201).send(await inTransaction(app, (tx) => createBank(tx, actorOf(request), request.body, now()))));
  app.get("/park-credit/banks/:id", { schema: { params: parkIdParams, tags }, config: read }, async (request): Promise<ParkBankView> => getBank(db(), actorOf(request), request.params.id, now()));
  app.post("/park-credit/banks/:id/fund", { schema: { params: parkIdParams, body: parkFundBody, tags }, config: manage }, async (request, reply) =>
    sendIdempotent<ParkBankView>(request, reply, "parkCredit.moveFund", (tx) => moveFund(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.get("/park-credit/fund-movements", { schema: { querystring: z.strictObject({ ...pageQuery, bankId: uuidSchema.optional() }), tags }, config: read }, async (request): Promise<Page<ParkFundMovementView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listFundMovements(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.get("/park-credit/loans", { schema: { querystring: parkLoanListQuery, tags }, config: read }, async (request): Promise<Page<ParkLoanView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listLoans(db(), actorOf(request), filter, pageOf({ page, pageSize }), now()));
  });
  app.post("/park-credit/loans", { schema: { body: parkLoanBody, tags }, config: manage }, async (request, reply) =>
    sendIdempotent<ParkLoanDetailView>(request, reply, "parkCredit.grantLoan", (tx) => grantLoan(tx, actorOf(request), request.body, now())),
  );
  // The register's export: the list's filters without paging (at most EXPORT_ROWS_MAX rows).
  app.get("/park-credit/loans/export", { schema: { querystring: parkLoanListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "财园信贷通贷款台账.xlsx", await parkLoansWorkbook(db(), actorOf(request), request.query, now())),
  );
  app.get("/park-credit/loans/:id", { schema: { params: parkIdParams, tags }, config: read }, async (request): Promise<ParkLoanDetailView> => getLoan(db(), actorOf(request), request.params.id, now()));
  app.post("/park-credit/loans/:id/repayments", { schema: { params: parkIdParams, body: parkRepayBody, tags }, config: manage }, async (request, reply) =>
    sendIdempotent<ParkLoanDetailView>(request, reply, "parkCredit.repayLoan", (tx) => repayLoan(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.post("/park-credit/loans/:id/overdue", { schema: { params: parkIdParams, body: parkLoanMarkBody, tags }, config: manage }, async (request) =>
    inTransaction(app, (tx) => markLoan(tx, actorOf(request), request.params.id, "overdue", request.body, now())),
  );
  app.post("/park-credit/loans/:id/default", { schema: { params: parkIdParams, body: parkLoanMarkBody, tags }, config: manage }, async (request) =>
    inTransaction(app, (tx) => markLoan(tx, actorOf(request), request.params.id, "default", request.body, now())),
  );
  app.post("/park-credit/loans/:id/compensation", { schema: { params: parkIdParams, body: parkCompensateBody, tags }, config: manage }, async (request, reply) =>
    sendIdempotent<ParkLoanDetailView>(request, reply, "parkCredit.compensate", (tx) => compensateLoan(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.post("/park-credit/loans/:id/recoveries", { schema: { params: parkIdParams, body: parkRecoverBody, tags }, config: manage }, async (request, reply) =>
    sendIdempotent<ParkLoanDetailView>(request, reply, "parkCredit.recover", (tx) => recoverLoan(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.get("/park-credit/figures", { schema: { tags }, config: read }, async (request): Promise<ParkFiguresView> => parkCreditFigures(db(), actorOf(request)));
}
