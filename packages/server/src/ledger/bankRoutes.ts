// HTTP routes of bank reconciliation (/api/v1/ledger/sets/:setId/bank/...): the month's statement and
// journal lines with their pairs and the 银行存款余额调节表, the statement import, automatic and manual
// matching, and an entered statement balance. The set's scope decides who sees it (loadSet).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ledgerBankAutoMatchBody, ledgerBankBalanceBody, ledgerBankImportBody, ledgerBankMatchBody, ledgerBankQuery, ledgerBankUnmatchBody, uuidSchema, type BankImportResult, type BankReconciliationView } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import type { Actor } from "../identity/index.ts";
import type { LedgerActor } from "./service.ts";
import { autoMatch, enterBankBalance, importStatement, matchManually, reconciliationOf, unmatch } from "./bankService.ts";

const ledgerActor = (a: Actor): LedgerActor => ({ userId: a.userId, displayName: a.displayName, scopePrefix: a.scopePrefix });

export async function bankReconciliationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ["会计核算"];
  const params = z.strictObject({ setId: uuidSchema });
  const write = { auth: { permission: "ledger.post" } } as const;
  app.get("/ledger/sets/:setId/bank", { schema: { params, querystring: ledgerBankQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<BankReconciliationView> =>
    reconciliationOf(app.database.db, ledgerActor(actorOf(request)), request.params.setId, request.query.account, request.query.month),
  );
  app.post("/ledger/sets/:setId/bank/import", { schema: { params, body: ledgerBankImportBody, tags }, config: write }, async (request): Promise<BankImportResult> =>
    inTransaction(app, (tx) => importStatement(tx, ledgerActor(actorOf(request)), request.params.setId, { account: request.body.account, fileName: request.body.fileName, content: Buffer.from(request.body.content, "base64") }, app.clock.now())),
  );
  app.post("/ledger/sets/:setId/bank/auto-match", { schema: { params, body: ledgerBankAutoMatchBody, tags }, config: write }, async (request): Promise<{ matched: number }> =>
    inTransaction(app, (tx) => autoMatch(tx, ledgerActor(actorOf(request)), request.params.setId, request.body.account, request.body.month, app.clock.now())),
  );
  app.post("/ledger/sets/:setId/bank/match", { schema: { params, body: ledgerBankMatchBody, tags }, config: write }, async (request, reply) => {
    await inTransaction(app, (tx) => matchManually(tx, ledgerActor(actorOf(request)), request.params.setId, request.body, app.clock.now()));
    return reply.status(204).send();
  });
  app.post("/ledger/sets/:setId/bank/unmatch", { schema: { params, body: ledgerBankUnmatchBody, tags }, config: write }, async (request, reply) => {
    await inTransaction(app, (tx) => unmatch(tx, ledgerActor(actorOf(request)), request.params.setId, request.body.statementLineId, app.clock.now()));
    return reply.status(204).send();
  });
  app.put("/ledger/sets/:setId/bank/balance", { schema: { params, body: ledgerBankBalanceBody, tags }, config: write }, async (request, reply) => {
    await inTransaction(app, (tx) => enterBankBalance(tx, ledgerActor(actorOf(request)), request.params.setId, request.body, app.clock.now()));
    return reply.status(204).send();
  });
}
