// Checking a roster spreadsheet: the header is found by name, every data row gets the file checks
// of rules.ts, and, when a database is at hand, the registry checks in chunks (one query per
// chunk, never per row). The checker yields each checked row with its findings, in file order, and
// knows nothing of what is done with them: the command line (`roster check`) collects the findings,
// a roster import (rosters.ts) writes each row as a line and keeps its running totals.
import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import { maskResidentId, rosterLineBody } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { blindIndex, type DataKeys } from "../platform/crypto.ts";
import { region } from "../platform/regionTable.ts";
import {
  checkRowAgainstRegistry,
  checkRowAlone,
  HEADER_SEARCH_ROWS,
  IdRowTable,
  isBlankRow,
  looksLikeHeader,
  mapColumns,
  rosterHeaders,
  rowFromCells,
  sortFindings,
  villageKey,
  type CheckedRow,
  type ColumnMap,
  type Finding,
  type RegistryFacts,
  type SeenIds,
} from "./rules.ts";
import { rowFieldProblems, SheetFileError, streamSheetRows, type SheetRow } from "../platform/sheetReader.ts";
import { subsidyRecipient, subsidyReferenceEntry, subsidyRoster, subsidyRosterLine } from "./tables.ts";

/** Rows looked up in the registry per query. */
const CHUNK_ROWS = 1000;
export const ROSTER_ROWS_MAX_DEFAULT = 1_000_000;

export interface RegistryLookup {
  facts(rows: readonly CheckedRow[]): Promise<RegistryFacts[]>;
}

export interface CheckOptions {
  itemStandardFen: bigint | null;
  rowsMax: number;
  lookup: RegistryLookup | null;
  today?: Date;
}

export interface CheckedLine {
  row: CheckedRow;
  /** The row's file and registry findings. */
  findings: Finding[];
}

export interface CheckResult {
  rows: number;
  findings: Finding[];
}

/**
 * The data rows of a sheet, each checked (file checks, then the registry's in chunks), in file order;
 * throws SheetFileError for a file that is not a roster (no header, missing columns, too many rows).
 */
export async function* checkedRosterRows(source: AsyncIterable<SheetRow>, options: CheckOptions): AsyncGenerator<CheckedLine> {
  let columns: ColumnMap | null = null;
  const seen: SeenIds = new IdRowTable();
  let rows = 0;
  let pending: { checked: CheckedRow; findings: Finding[] }[] = [];
  async function* flush(): AsyncGenerator<CheckedLine> {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    const facts = options.lookup ? await options.lookup.facts(chunk.map((p) => p.checked)) : null;
    for (const [i, p] of chunk.entries()) {
      yield { row: p.checked, findings: facts ? [...p.findings, ...checkRowAgainstRegistry(p.checked, facts[i]!)] : p.findings };
    }
  }
  for await (const { row, cells } of source) {
    if (columns === null) {
      if (looksLikeHeader(cells)) {
        const mapped = mapColumns(cells);
        if (mapped.missing.length) {
          throw new SheetFileError("MISSING_COLUMNS", `表头缺少必需的列：${mapped.missing.map((f) => rosterHeaders[f]).join("、")}。`);
        }
        columns = mapped.columns;
      } else if (row >= HEADER_SEARCH_ROWS) {
        throw new SheetFileError("NO_HEADER", `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（须含“姓名”“身份证号”等列）。`);
      }
      continue;
    }
    const data = rowFromCells(row, cells, columns);
    if (isBlankRow(data)) continue;
    const broken = rowFieldProblems(rosterLineBody.shape, data, rosterHeaders);
    if (broken.length) throw new SheetFileError("BAD_CELL", `第 ${row} 行${broken.map((b) => b.message).join("；")}。本文件未导入，请修改后重新导入。`);
    if (++rows > options.rowsMax) throw new SheetFileError("TOO_MANY_ROWS", `清册超过 ${options.rowsMax} 行的上限，请拆分后再导入。`);
    pending.push(checkRowAlone(data, { itemStandardFen: options.itemStandardFen, ...(options.today ? { today: options.today } : {}) }, seen));
    if (pending.length >= CHUNK_ROWS) yield* flush();
  }
  if (columns === null) throw new SheetFileError("NO_HEADER", "表格为空或找不到表头（须含“姓名”“身份证号”等列）。");
  yield* flush();
}

/** The rows of a roster file (path or bytes), streamed and checked. */
export function rosterFileRows(input: string | Buffer, options: CheckOptions): AsyncGenerator<CheckedLine> {
  return checkedRosterRows(streamSheetRows(input, options.rowsMax + HEADER_SEARCH_ROWS + 1), options);
}

/** Checks a roster file: how many rows, and every finding in order of row (the command line's `roster check`). */
export async function checkRosterFile(input: string | Buffer, options: CheckOptions): Promise<CheckResult> {
  const findings: Finding[] = [];
  let rows = 0;
  for await (const line of rosterFileRows(input, options)) {
    rows++;
    findings.push(...line.findings);
  }
  return { rows, findings: sortFindings(findings) };
}

// ---------------------------------------------------------------- the registry, from the database

export interface LookupScope {
  regionCode: string;
  itemCode: string;
  period: string;
  /** The roster being checked (its own lines are not “another roster”). */
  rosterId: string | null;
  /** The roster's village, when it is a village roster. */
  villageCode: string | null;
  /** The item's basis: a per-household item is paid to the head of household's card. */
  basis: "household" | "person" | null;
}

export const residentIdIndex = (keys: DataKeys, normalizedId: string) => blindIndex(keys, "residentId", normalizedId);
export const cardIndex = (keys: DataKeys, normalizedCard: string) => blindIndex(keys, "bankCard", normalizedCard);

/** Villages of a township by every name a clerk may write, and by code. */
export async function villageDirectory(db: Db, regionCode: string): Promise<Map<string, string>> {
  const villages = await db.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.parentCode, regionCode), eq(region.level, "village")));
  const map = new Map<string, string>();
  for (const v of villages) {
    map.set(villageKey(v.name), v.code);
    map.set(v.code, v.code);
  }
  return map;
}

/** The registry checks of a township, with its village directory (read once by the caller, villageDirectory). */
export function databaseLookup(db: Db, keys: DataKeys, scope: LookupScope, villages: ReadonlyMap<string, string>): RegistryLookup {
  return {
    async facts(rows) {
      const idIndexes = rows.map((r) => (r.residentIdNormalized ? residentIdIndex(keys, r.residentIdNormalized) : null));
      const cardIndexes = rows.map((r) => (r.cardNormalized ? cardIndex(keys, r.cardNormalized) : null));
      const ids = [...new Set(idIndexes.filter((x): x is string => x !== null))];
      const cards = [...new Set(cardIndexes.filter((x): x is string => x !== null))];
      const people = ids.length
        ? await db
            .select({ index: subsidyRecipient.residentIdIndex, name: subsidyRecipient.name, alive: subsidyRecipient.alive, official: subsidyRecipient.official, cadre: subsidyRecipient.cadre, head: subsidyRecipient.headOfHousehold, village: subsidyRecipient.villageCode, householdNo: subsidyRecipient.householdNo })
            .from(subsidyRecipient)
            .where(and(eq(subsidyRecipient.regionCode, scope.regionCode), inArray(subsidyRecipient.residentIdIndex, ids)))
        : [];
      const cardOwners = cards.length
        ? await db
            .select({ card: subsidyRecipient.cardIndex, owner: subsidyRecipient.residentIdIndex, head: subsidyRecipient.headOfHousehold, village: subsidyRecipient.villageCode, householdNo: subsidyRecipient.householdNo })
            .from(subsidyRecipient)
            .where(and(eq(subsidyRecipient.regionCode, scope.regionCode), inArray(subsidyRecipient.cardIndex, cards)))
        : [];
      const listed = ids.length
        ? await db
            .select({ kind: subsidyReferenceEntry.kind, index: subsidyReferenceEntry.residentIdIndex })
            .from(subsidyReferenceEntry)
            .where(and(eq(subsidyReferenceEntry.regionCode, scope.regionCode), inArray(subsidyReferenceEntry.residentIdIndex, ids)))
        : [];
      const onOther = ids.length
        ? await db
            .select({ index: subsidyRosterLine.residentIdIndex, sourceName: subsidyRoster.sourceName })
            .from(subsidyRosterLine)
            .innerJoin(subsidyRoster, and(eq(subsidyRoster.regionCode, subsidyRosterLine.regionCode), eq(subsidyRoster.id, subsidyRosterLine.rosterId)))
            .where(
              and(
                eq(subsidyRosterLine.regionCode, scope.regionCode),
                inArray(subsidyRosterLine.residentIdIndex, ids),
                eq(subsidyRosterLine.withdrawn, false),
                eq(subsidyRoster.itemCode, scope.itemCode),
                eq(subsidyRoster.period, scope.period),
                notInArray(subsidyRoster.status, ["rejected"]),
                ...(scope.rosterId ? [ne(subsidyRoster.id, scope.rosterId)] : []),
              ),
            )
        : [];
      const personByIndex = new Map(people.map((p) => [p.index, p]));
      const ownersByCard = new Map<string, Set<string>>();
      const holdersByCard = new Map<string, (typeof cardOwners)[number][]>();
      for (const c of cardOwners) {
        if (!c.card) continue;
        ownersByCard.set(c.card, (ownersByCard.get(c.card) ?? new Set()).add(c.owner));
        holdersByCard.set(c.card, [...(holdersByCard.get(c.card) ?? []), c]);
      }
      // Per-household items: whoever the card (or, unregistered, the person) belongs to must head
      // the household; the household's head is looked up once per chunk, for the message.
      const notHead = rows.map((_, i) => {
        if (scope.basis !== "household") return null;
        const holders = cardIndexes[i] ? holdersByCard.get(cardIndexes[i]!) : undefined;
        const person = idIndexes[i] ? personByIndex.get(idIndexes[i]!) : undefined;
        const decisive = holders?.length ? holders : person ? [person] : [];
        if (decisive.length === 0 || decisive.some((d) => d.head)) return null;
        return { cardRegistered: Boolean(holders?.length), household: decisive[0]! };
      });
      const households = [...new Set(notHead.flatMap((n) => (n && n.household.householdNo ? [n.household.householdNo] : [])))];
      const heads = households.length
        ? await db
            .select({ name: subsidyRecipient.name, village: subsidyRecipient.villageCode, householdNo: subsidyRecipient.householdNo })
            .from(subsidyRecipient)
            .where(and(eq(subsidyRecipient.regionCode, scope.regionCode), eq(subsidyRecipient.headOfHousehold, true), inArray(subsidyRecipient.householdNo, households)))
        : [];
      const headOf = new Map(heads.map((h) => [`${h.village}/${h.householdNo}`, h.name]));
      const listedKinds = new Map<string, Set<string>>();
      for (const l of listed) listedKinds.set(l.index, (listedKinds.get(l.index) ?? new Set()).add(l.kind));
      const other = new Map<string, string>();
      for (const o of onOther) {
        if (!other.has(o.index)) other.set(o.index, `另一清册${o.sourceName ? `（${o.sourceName}）` : ""}`);
      }
      return rows.map((row, i): RegistryFacts => {
        const idIndex = idIndexes[i];
        const person = idIndex ? personByIndex.get(idIndex) : undefined;
        const kinds = idIndex ? listedKinds.get(idIndex) : undefined;
        const owners = cardIndexes[i] ? ownersByCard.get(cardIndexes[i]!) : undefined;
        let villageKnown: boolean | null = null;
        if (row.village !== "") {
          const code = villages.get(villageKey(row.village)) ?? villages.get(row.village);
          villageKnown = code !== undefined && (scope.villageCode === null || code === scope.villageCode);
        }
        return {
          registeredName: person?.name ?? null,
          deceased: (person ? !person.alive : false) || (kinds?.has("deceased") ?? false),
          official: (person?.official ?? false) || (kinds?.has("official") ?? false),
          cadre: (person?.cadre ?? false) || (kinds?.has("cadre") ?? false),
          cardOwnedByOther: owners !== undefined && idIndex !== null && [...owners].some((o) => o !== idIndex),
          notHeadOfHousehold: notHead[i] ? { cardRegistered: notHead[i].cardRegistered, headName: notHead[i].household.householdNo ? (headOf.get(`${notHead[i].household.village}/${notHead[i].household.householdNo}`) ?? null) : null } : null,
          otherRosterInPeriod: idIndex ? (other.get(idIndex) ?? null) : null,
          villageKnown: villages.size === 0 ? null : villageKnown,
        };
      });
    },
  };
}

/** For messages and lists: the masked form of a row's ID number. */
export function maskedIdOf(row: CheckedRow): string {
  return maskResidentId(row.residentIdNormalized ?? row.residentId);
}
