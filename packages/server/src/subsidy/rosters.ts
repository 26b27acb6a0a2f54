// Rosters (发放清册): reading one, listing them, and starting one — imported from Excel (every row
// checked as it streams in, the lines written in chunks, the totals kept as the rows go by) or empty,
// for entering its lines one by one (rosterLines.ts).
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { formatYuan, maskBankCard, maskResidentId } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { encryptPersonal, type DataKeys } from "../platform/crypto.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { region } from "../platform/regionTable.ts";
import { startFlow } from "../flow/index.ts";
import { checkPeriod, countBySeverity, sortFindings, villageKey, type CheckedRow, type Finding, type StoredFinding } from "./rules.ts";
import { cardIndex, databaseLookup, residentIdIndex, rosterFileRows, villageDirectory } from "./check.ts";
import { inspectXlsxBuffer } from "../platform/sheetReader.ts";
import { rosterRowsMax } from "./settings.ts";
import { subsidyItem, subsidyRoster, subsidyRosterLine, type RosterStatus } from "./tables.ts";
import { LINE_INSERT_CHUNK, ROSTER_FLOW, assertVillageOf, assertWritable, fail, fileProblem, onTownship, rowScope, townshipFor, who } from "./common.ts";
import { getItem } from "./items.ts";
import type { RosterView } from "@xiangcai/shared";
export type { RosterView };

export type RosterRow = typeof subsidyRoster.$inferSelect;

/** The names a roster's view shows beside its codes. */
export interface RosterNames {
  itemName: string;
  villageName: string | null;
}

/** A roster as the API answers it, from its row and the names already at hand. */
export function rosterViewOf(r: RosterRow, names: RosterNames): RosterView {
  return {
    id: r.id,
    regionCode: r.regionCode,
    villageCode: r.villageCode,
    villageName: names.villageName,
    itemCode: r.itemCode,
    itemName: names.itemName,
    period: r.period,
    status: r.status,
    sourceName: r.sourceName,
    lineCount: r.lineCount,
    total: formatYuan(r.totalFen),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    noticeStartsOn: r.noticeStartsOn,
    noticeEndsOn: r.noticeEndsOn,
    indicatorId: r.indicatorId,
    reservationId: r.reservationId,
    flowInstanceId: r.flowInstanceId,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The name of a village (null for a township's own roster). */
export async function villageNameOf(db: Db, villageCode: string | null): Promise<string | null> {
  if (!villageCode) return null;
  const [village] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, villageCode));
  return village?.name ?? null;
}

/** A roster as the API answers it, reading its item's and village's names. */
export async function rosterView(db: Db, r: RosterRow): Promise<RosterView> {
  const [item] = await db.select({ name: subsidyItem.name }).from(subsidyItem).where(and(eq(subsidyItem.regionCode, r.regionCode), eq(subsidyItem.code, r.itemCode)));
  return rosterViewOf(r, { itemName: item?.name ?? r.itemCode, villageName: await villageNameOf(db, r.villageCode) });
}

export async function lockRoster(tx: Db, actor: Actor, id: string): Promise<RosterRow> {
  const [row] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.id, id), rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "清册不存在或不在您的数据范围内。");
  return row;
}

export async function getRoster(db: Db, actor: Actor, id: string): Promise<RosterView> {
  const [row] = await db.select().from(subsidyRoster).where(and(eq(subsidyRoster.id, id), rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode)));
  if (!row) return fail("OUT_OF_SCOPE", "清册不存在或不在您的数据范围内。");
  return rosterView(db, row);
}

export async function listRosters(
  db: Db,
  actor: Actor,
  filter: { regionCode?: string | undefined; villageCode?: string | undefined; itemCode?: string | undefined; period?: string | undefined; status?: RosterStatus | undefined },
  page: { limit: number; offset: number },
) {
  const conditions: SQL[] = [rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode)];
  if (filter.regionCode) conditions.push(eq(subsidyRoster.regionCode, filter.regionCode));
  if (filter.villageCode) conditions.push(eq(subsidyRoster.villageCode, filter.villageCode));
  if (filter.itemCode) conditions.push(eq(subsidyRoster.itemCode, filter.itemCode));
  if (filter.period) conditions.push(eq(subsidyRoster.period, filter.period));
  if (filter.status) conditions.push(eq(subsidyRoster.status, filter.status));
  const where = and(...conditions);
  const found = await db.select().from(subsidyRoster).where(where).orderBy(desc(subsidyRoster.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRoster).where(where);
  const items: RosterView[] = [];
  for (const r of found) items.push(await rosterView(db, r));
  return { items, total: Number(count?.n ?? 0n) };
}

/** A checked row as a roster line: numbers sealed with a blind index, findings kept on the line. */
export function lineValues(keys: DataKeys, roster: Pick<RosterRow, "regionCode" | "id" | "villageCode">, villages: ReadonlyMap<string, string>, row: CheckedRow, findings: readonly Finding[]): typeof subsidyRosterLine.$inferInsert {
  const id = row.residentIdNormalized ?? row.residentId;
  const card = row.cardNormalized ?? row.card;
  return {
    regionCode: roster.regionCode,
    rosterId: roster.id,
    lineNo: row.row,
    villageCode: row.village ? (villages.get(villageKey(row.village)) ?? villages.get(row.village) ?? null) : roster.villageCode,
    villageName: row.village,
    name: row.name,
    residentIdSealed: encryptPersonal(keys, id),
    residentIdIndex: residentIdIndex(keys, id),
    residentIdMasked: maskResidentId(id),
    cardSealed: card ? encryptPersonal(keys, card) : null,
    cardIndex: card ? cardIndex(keys, card) : null,
    cardMasked: maskBankCard(card),
    bankName: row.bank,
    quantity: row.quantity,
    standardFen: row.standardFen,
    amountFen: row.amountFen ?? 0n,
    remark: row.remark,
    findings: findings.map((f): StoredFinding => ({ code: f.code, severity: f.severity, message: f.message })),
  };
}

type ItemRow = typeof subsidyItem.$inferSelect;

/** What an import learned while it wrote the lines: the totals a roster row keeps, and every finding. */
export interface LoadedLines {
  lineCount: number;
  totalFen: bigint;
  errorCount: number;
  warningCount: number;
  findings: Finding[];
}

/**
 * Checks a roster file and writes its lines in chunks (in the caller's transaction), keeping the
 * roster's totals as the rows go by. The item and the township's villages are the caller's, read once.
 */
export async function loadRosterLines(tx: Db, keys: DataKeys, roster: RosterRow, item: ItemRow, villages: ReadonlyMap<string, string>, buffer: Buffer, today: Date): Promise<LoadedLines> {
  await inspectXlsxBuffer(buffer).catch(fileProblem);
  const lookup = databaseLookup(tx, keys, { regionCode: roster.regionCode, itemCode: roster.itemCode, period: roster.period, rosterId: roster.id, villageCode: roster.villageCode, basis: item.basis }, villages);
  const loaded: LoadedLines = { lineCount: 0, totalFen: 0n, errorCount: 0, warningCount: 0, findings: [] };
  let pending: (typeof subsidyRosterLine.$inferInsert)[] = [];
  const write = async () => {
    if (pending.length) await tx.insert(subsidyRosterLine).values(pending);
    pending = [];
  };
  try {
    const rows = rosterFileRows(buffer, { itemStandardFen: item.standardFen, rowsMax: await rosterRowsMax(tx, roster.regionCode), lookup, today });
    for await (const { row, findings } of rows) {
      const counts = countBySeverity(findings);
      loaded.lineCount++;
      loaded.totalFen += row.amountFen ?? 0n;
      loaded.errorCount += counts.errors;
      loaded.warningCount += counts.warnings;
      loaded.findings.push(...findings);
      pending.push(lineValues(keys, roster, villages, row, findings));
      if (pending.length >= LINE_INSERT_CHUNK) await write();
    }
  } catch (error) {
    fileProblem(error);
  }
  await write();
  return { ...loaded, findings: sortFindings(loaded.findings) };
}

/** Writes the totals an import kept onto its roster (with any other change of the same moment). */
export async function storeLoadedTotals(tx: Db, roster: Pick<RosterRow, "regionCode" | "id">, loaded: LoadedLines, at: Date, also: Partial<Pick<RosterRow, "sourceName">> = {}): Promise<RosterRow> {
  const { lineCount, totalFen, errorCount, warningCount } = loaded;
  const [row] = await tx
    .update(subsidyRoster)
    .set({ ...also, lineCount, totalFen, errorCount, warningCount, updatedAt: at })
    .where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, roster.id)))
    .returning();
  invariant(row, "roster exists");
  return row;
}

/** Recounts a roster's totals from its lines, after a line was entered, changed or removed. */
export async function refreshRosterTotals(tx: Db, roster: Pick<RosterRow, "regionCode" | "id">, at: Date): Promise<RosterRow> {
  const lines = await tx
    .select({ amountFen: subsidyRosterLine.amountFen, findings: subsidyRosterLine.findings })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), eq(subsidyRosterLine.withdrawn, false)));
  const counts = countBySeverity(lines.flatMap((l) => l.findings));
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0n);
  const [row] = await tx
    .update(subsidyRoster)
    .set({ lineCount: lines.length, totalFen, errorCount: counts.errors, warningCount: counts.warnings, updatedAt: at })
    .where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, roster.id)))
    .returning();
  invariant(row, "roster exists");
  return row;
}

export interface RosterImportInput {
  regionCode?: string | undefined;
  villageCode?: string | null | undefined;
  itemCode: string;
  period: string;
  sourceName: string;
}

/**
 * Imports a roster from Excel: checks every row as it streams in, keeps the lines with their findings
 * and the totals as they go by, starts the flow. The item and the villages are read once each.
 */
export async function importRoster(tx: Db, actor: Actor, keys: DataKeys, input: RosterImportInput, buffer: Buffer, at: Date): Promise<{ roster: RosterView; findings: Finding[] }> {
  const start = await rosterStart(tx, actor, input);
  const { regionCode, villageCode, item } = start;
  const roster = await insertRoster(tx, actor, { ...start, period: input.period, sourceName: input.sourceName }, at);
  const loaded = await loadRosterLines(tx, keys, roster, item, await villageDirectory(tx, regionCode), buffer, at);
  const row = await storeLoadedTotals(tx, roster, loaded, at);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.rosterImported", entityType: "subsidyRoster", entityId: roster.id, after: { itemCode: item.code, period: input.period, villageCode, lines: loaded.lineCount, total: formatYuan(loaded.totalFen), errors: loaded.errorCount, warnings: loaded.warningCount } }, at);
  return { roster: rosterViewOf(row, { itemName: item.name, villageName: start.villageName }), findings: loaded.findings };
}

/** Writes a new roster (村级录入) with its flow started. */
async function insertRoster(tx: Db, actor: Actor, input: { regionCode: string; villageCode: string | null; villageName: string | null; item: ItemRow; period: string; sourceName: string }, at: Date): Promise<RosterRow> {
  const { regionCode, villageCode, item } = input;
  const id = uuidv7(at.getTime());
  const instance = await startFlow(tx, onTownship(actor, regionCode), { flowCode: ROSTER_FLOW, regionCode, entityId: id, title: `补贴清册：${input.villageName ?? ""}${item.name} ${input.period}` }, at);
  const [roster] = await tx
    .insert(subsidyRoster)
    .values({ regionCode, id, villageCode, itemCode: item.code, period: input.period, status: "draft", sourceName: input.sourceName.slice(0, 200), flowInstanceId: instance.id, createdBy: actor.userId, createdAt: at, updatedAt: at })
    .returning();
  invariant(roster, "inserted roster is returned");
  return roster;
}

/** The checks before a roster is started: the actor's village or township, an active item, the period's kind. */
async function rosterStart(tx: Db, actor: Actor, input: Pick<RosterImportInput, "regionCode" | "villageCode" | "itemCode" | "period">) {
  const villageCode = input.villageCode ?? (actor.scopePrefix.length === 12 ? actor.scopePrefix : null);
  const regionCode = townshipFor(actor, input.regionCode ?? villageCode?.slice(0, 9));
  assertWritable(actor, regionCode, villageCode);
  const villageName = villageCode ? await assertVillageOf(tx, regionCode, villageCode) : null;
  const item = await getItem(tx, regionCode, input.itemCode);
  if (!item.active) fail("VALIDATION_FAILED", `补贴项目“${item.name}”已停用。`, [{ path: "itemCode", message: "项目已停用" }]);
  const periodProblem = checkPeriod(input.period, item.periodKind);
  if (periodProblem) fail("VALIDATION_FAILED", periodProblem, [{ path: "period", message: periodProblem }]);
  return { villageCode, villageName, regionCode, item };
}

/** Starts an empty roster for entering its lines one by one (录入) instead of importing a file. */
export async function createRoster(tx: Db, actor: Actor, input: RosterImportInput, at: Date): Promise<RosterView> {
  const start = await rosterStart(tx, actor, input);
  const { regionCode, villageCode, item } = start;
  const roster = await insertRoster(tx, actor, { ...start, period: input.period, sourceName: input.sourceName || "录入" }, at);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.rosterCreated", entityType: "subsidyRoster", entityId: roster.id, after: { itemCode: item.code, period: input.period, villageCode } }, at);
  return rosterViewOf(roster, { itemName: item.name, villageName: start.villageName });
}
