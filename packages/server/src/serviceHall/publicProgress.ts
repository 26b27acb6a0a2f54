// The residents' progress query at the service hall's touch screen (办理进度): the number printed on
// the acceptance slip and the applicant's name. It answers the matter's kind, status and dates, never
// what was asked or answered (that is told at the window). A wrong name answers exactly what an
// unknown number answers (nothing), by the same query, so neither tells whether the number exists.
import { eq } from "drizzle-orm";
import type { HallProgressItem } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { serviceMatter } from "./tables.ts";

export async function publicProgress(db: Db, input: { matterNo: string; name: string }): Promise<{ items: HallProgressItem[] }> {
  const found = await db
    .select({ m: serviceMatter, regionName: region.name })
    .from(serviceMatter)
    .leftJoin(region, eq(region.regionCode, serviceMatter.regionCode))
    .where(eq(serviceMatter.matterNo, input.matterNo))
    .limit(5);
  const mine = found.filter((f) => f.m.applicantName === input.name.trim());
  return {
    items: mine.map(({ m, regionName }) => ({
      matterNo: m.matterNo,
      category: m.category,
      status: m.status,
      acceptedOn: chinaDate(m.acceptedAt),
      promisedOn: chinaDate(m.promisedBy),
      answeredOn: m.answeredAt ? chinaDate(m.answeredAt) : null,
      officeName: `${regionName ?? m.regionCode}财政所`,
    })),
  };
}
