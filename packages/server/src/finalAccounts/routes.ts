// HTTP routes of the final accounts: a township's workspace for a year (tables, formula results, 说明,
// its report), the 说明 saved, the Excel workbook, the district's page with the consolidated total,
// publication, and the documents residents read at the kiosk (no login). Preparing, submitting and
// reviewing go through reporting/ (/reporting/reports, kind finalAccounts, period the year).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { districtFinalQuery, finalAccountNoteBody, finalAccountParams, publicDocumentsQuery, publishBody, type DistrictFinalView, type FinalAccountView, type Items, type PublicDocumentView } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { districtFinal, finalAccountView, finalAccountWorkbook, saveNote } from "./service.ts";
import { documentsInScope, publicDocuments, publishDocument } from "./publication.ts";

export async function finalAccountsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["决算"];

  app.get("/final-accounts/:regionCode/:year", { schema: { params: finalAccountParams, tags }, config: { auth: { permission: "report.read" } } }, async (request): Promise<FinalAccountView> =>
    finalAccountView(db(), actorOf(request), request.params.regionCode, request.params.year, now()),
  );

  app.put("/final-accounts/:regionCode/:year/note", { schema: { params: finalAccountParams, body: finalAccountNoteBody, tags }, config: { auth: { permission: "report.prepare" } } }, async (request): Promise<FinalAccountView> =>
    inTransaction(app, (tx) => saveNote(tx, actorOf(request), { ...request.params, text: request.body.text }, now())),
  );

  app.get("/final-accounts/:regionCode/:year/export", { schema: { params: finalAccountParams, tags }, config: { auth: { permission: "report.read" } } }, async (request, reply) => {
    const { fileName, bytes } = await finalAccountWorkbook(db(), actorOf(request), request.params.regionCode, request.params.year, now());
    return sendWorkbook(reply, fileName, bytes);
  });

  app.get("/final-accounts/district", { schema: { querystring: districtFinalQuery, tags }, config: { auth: { permission: "report.read" } } }, async (request): Promise<DistrictFinalView> =>
    districtFinal(db(), actorOf(request), request.query.year, now()),
  );

  app.get("/final-accounts/publications", { schema: { tags }, config: { auth: { permission: "report.read" } } }, async (request): Promise<Items<PublicDocumentView>> => ({ items: await documentsInScope(db(), actorOf(request)) }));

  // Published once (ALREADY_PUBLISHED after), so a retried request cannot publish twice.
  app.post("/final-accounts/publications", { schema: { body: publishBody, tags }, config: { auth: { permission: "report.prepare" } } }, async (request, reply) => {
    const document = await inTransaction(app, (tx) => publishDocument(tx, actorOf(request), request.body, now()));
    return reply.status(201).send(document);
  });

  app.get(
    "/public/documents",
    { schema: { querystring: publicDocumentsQuery, tags: ["公众查询"] }, config: { auth: { public: true }, rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request): Promise<Items<PublicDocumentView>> => ({ items: await publicDocuments(db(), request.query.regionCode) }),
  );
}
