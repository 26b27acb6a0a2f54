// GET /home: the signed-in user's home page (the to-do counted, and the cards of their kind of home).
import type { FastifyInstance } from "fastify";
import { eq } from "drizzle-orm";
import type { HomeView } from "@xiangcai/shared";
import { actorOf } from "../platform/http.ts";
import { region } from "../platform/regionTable.ts";
import { chinaYear } from "../platform/workingDays.ts";
import { todoCounts } from "../flow/index.ts";
import { audienceOf, headingOf, homeCards } from "./registry.ts";

export async function homeRoutes(app: FastifyInstance) {
  app.get("/home", { schema: { tags: ["首页"] }, config: { auth: {} } }, async (request): Promise<HomeView> => {
    const db = app.database.db;
    const actor = actorOf(request);
    const now = app.clock.now();
    const fiscalYear = chinaYear(now);
    const audience = audienceOf(actor);
    const [place] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, actor.regionCode));
    const todo = await todoCounts(db, actor, now);
    const cards = await homeCards(db, actor, { fiscalYear, audience, now });
    return { heading: headingOf(actor, place?.name ?? actor.regionCode), audience, fiscalYear, todo, cards };
  });
}
