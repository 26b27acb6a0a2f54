// The rules over subsidies on one card and over people: a payee or recipient who is staff or an
// official, one card for several households, payments to the deceased, one person on rosters in
// two villages or townships, rosters not paid long after their notice. People are matched by the
// blind index of their resident ID only; evidence shows masked numbers, never whole ones.
import { formatYuan } from "@xiangcai/shared";
import { sql } from "drizzle-orm";
import { rows } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { paymentRequest } from "../treasury/index.ts";
import { appUser, isRoleCode, roles, userRole } from "../identity/index.ts";
import { subsidyItem, subsidyLinePayment, subsidyRecipient, subsidyReferenceEntry, subsidyRoster, subsidyRosterLine } from "../subsidy/index.ts";
import { daysBetween, paidAfterDeath, yuan, type AlertObject, type EvidenceItem, type Finding } from "./rules.ts";
import { chinaDay, finding, inScope, LIVE_PAYMENT_STATUSES, lineId, type RuleContext } from "./findCommon.ts";
import { groupBy } from "../platform/groupBy.ts";

interface LineRow {
  region_code: string;
  roster_id: string;
  line_no: number;
  name: string;
  resident_id_index: string;
  resident_id_masked: string;
  card_masked: string;
  amount_fen: bigint;
  village_name: string;
  item_code: string;
  item_name: string | null;
  period: string;
}

const lineColumns = sql`l.region_code, l.roster_id, l.line_no, l.name, l.resident_id_index, l.resident_id_masked, l.card_masked, l.amount_fen,
  l.village_name, r.item_code, it.name as item_name, r.period`;
const lineJoins = sql`join ${subsidyRoster} r on r.region_code = l.region_code and r.id = l.roster_id
  left join ${subsidyItem} it on it.region_code = r.region_code and it.code = r.item_code`;

const lineLabel = (l: LineRow) => `${l.item_name ?? l.item_code} ${l.period} ${l.village_name} ${l.name}（第 ${l.line_no} 行）`;
const lineObject = (l: LineRow): AlertObject => ({ type: "rosterLine", id: lineId(l.roster_id, l.line_no), regionCode: l.region_code, label: lineLabel(l) });
const lineItem = (l: LineRow, extra: { date?: string | null; amountFen?: bigint; note?: string } = {}): EvidenceItem => ({
  objectType: "rosterLine",
  objectId: lineId(l.roster_id, l.line_no),
  regionCode: l.region_code,
  label: lineLabel(l),
  date: extra.date ?? null,
  amount: formatYuan(extra.amountFen ?? l.amount_fen),
  note: extra.note ?? `${l.resident_id_masked}${l.card_masked ? `，卡号 ${l.card_masked}` : ""}`,
});

/** One finding per township of a cross-township group: each township follows its own side, seeing the others' lines as evidence. */
function perTownship<T extends { region_code: string }>(group: readonly T[], context: RuleContext): string[] {
  return [...new Set(group.map((g) => g.region_code))].filter((code) => context.thresholds.has(code));
}

/**
 * PAYEE_IS_STAFF: a person payee of a treasury payment, or a person on a subsidy roster (not draft,
 * rejected or withdrawn), whose resident ID matches a platform user's (any user who recorded one) or
 * an entry of the officials list in the scope.
 */
export async function findPayeeIsStaff(context: RuleContext): Promise<Finding[]> {
  const found = await rows<{ idx: string; name: string; place: string; role_list: string | null; user_id: string | null; user_region: string | null }>(
    context.db,
    sql`select u.resident_id_index as idx, u.display_name as name, coalesce(g.name, u.region_code) as place, string_agg(ur.role, ',' order by ur.role) as role_list, u.id::text as user_id, u.region_code as user_region
        from ${appUser} u left join ${region} g on g.region_code = u.region_code left join ${userRole} ur on ur.user_id = u.id
        where u.resident_id_index is not null
        group by u.id, u.display_name, u.region_code, g.name, u.resident_id_index
        union all
        select e.resident_id_index, coalesce(nullif(e.name, ''), '（未写姓名）'), coalesce(g.name, e.region_code), null, null, null
        from ${subsidyReferenceEntry} e left join ${region} g on g.region_code = e.region_code
        where e.kind = 'official' and ${inScope(sql.raw("e.region_code"), context.scopePrefix)}`,
  );
  if (found.length === 0) return [];
  const roleName = (code: string) => (isRoleCode(code) ? roles[code].name : code);
  const staff = found.map((s) => ({
    ...s,
    who: s.user_id ? `${s.name}（${s.place}${s.role_list ? ` ${s.role_list.split(",").map(roleName).join("、")}` : ""}）` : `公职人员名单：${s.name}（${s.place}）`,
  }));
  const staffByIndex = groupBy(staff, (s) => s.idx);
  const indexes = [...staffByIndex.keys()];
  const indexList = sql.join(indexes.map((i) => sql`${i}`), sql`, `);
  const payments = await rows<{ region_code: string; id: string; payment_no: string; payee_name: string; payee_id_masked: string; payee_id_index: string; amount_fen: bigint; purpose: string; entered_on: string }>(
    context.db,
    sql`select p.region_code, p.id, p.payment_no, p.payee_name, p.payee_id_masked, p.payee_id_index, p.amount_fen, p.purpose, ${chinaDay(sql`p.created_at`)} as entered_on
        from ${paymentRequest} p
        where ${inScope(sql.raw("p.region_code"), context.scopePrefix)} and p.payee_id_index in (${indexList}) and p.status in ${LIVE_PAYMENT_STATUSES}
        order by p.created_at, p.id`,
  );
  const lines = await rows<LineRow>(
    context.db,
    sql`select ${lineColumns} from ${subsidyRosterLine} l ${lineJoins}
        where ${inScope(sql.raw("l.region_code"), context.scopePrefix)} and l.resident_id_index in (${indexList}) and not l.withdrawn and r.status not in ('draft', 'rejected')
        order by l.region_code, l.roster_id, l.line_no`,
  );
  type Hit = { region_code: string; idx: string; name: string; masked: string; object: AlertObject; item: EvidenceItem; amountFen: bigint };
  const hits: Hit[] = [
    ...payments.map((p) => ({
      region_code: p.region_code,
      idx: p.payee_id_index,
      name: p.payee_name,
      masked: p.payee_id_masked,
      amountFen: p.amount_fen,
      object: { type: "payment" as const, id: p.id, regionCode: p.region_code, label: `${p.payment_no} ${p.payee_name} ${yuan(p.amount_fen)} 元` },
      item: { objectType: "payment" as const, objectId: p.id, regionCode: p.region_code, label: `支付申请 ${p.payment_no} → ${p.payee_name}`, date: p.entered_on, amount: formatYuan(p.amount_fen), note: p.purpose },
    })),
    ...lines.map((l) => ({ region_code: l.region_code, idx: l.resident_id_index, name: l.name, masked: l.resident_id_masked, amountFen: l.amount_fen, object: lineObject(l), item: lineItem(l) })),
  ];
  const findings: Finding[] = [];
  for (const group of groupBy(hits, (h) => `${h.region_code}|${h.idx}`).values()) {
    const first = group[0]!;
    const matches = staffByIndex.get(first.idx) ?? [];
    const users: AlertObject[] = matches.filter((m) => m.user_id).map((m) => ({ type: "user", id: m.user_id!, regionCode: m.user_region!, label: m.who }));
    const total = group.reduce((s, h) => s + h.amountFen, 0n);
    findings.push(
      finding("PAYEE_IS_STAFF", {
        regionCode: first.region_code,
        objects: [...group.map((h) => h.object), ...users],
        amountFen: total,
        message: `${first.name}（${first.masked}）与${matches.map((m) => (m.user_id ? `平台用户 ${m.who}` : m.who)).join("、")}的身份证号相同，涉及 ${group.length} 笔支付或补贴，合计 ${yuan(total)} 元。`,
        evidence: { facts: [{ label: "人员", value: `${first.name}（${first.masked}）` }, ...matches.map((m) => ({ label: m.user_id ? "平台用户" : "名单", value: m.who }))], items: group.map((h) => h.item) },
      }),
    );
  }
  return findings;
}

interface PaidLineRow extends LineRow {
  card_index: string;
  household: string;
  paid_fen: bigint;
  paid_on: string;
}

/** CARD_SHARED: one bank card paid subsidies of more than one household in one period (people of one household may share the head's card). */
export async function findCardShared(context: RuleContext): Promise<Finding[]> {
  // First the (card, period) pairs paid to more than one person, on the lines alone (min ≠ max is a
  // cheap "more than one"); then the details of those pairs only, with each person's household.
  const found = await rows<PaidLineRow>(
    context.db,
    sql`with shared as (
          select l.card_index, r.period
          from ${subsidyRosterLine} l join ${subsidyRoster} r on r.region_code = l.region_code and r.id = l.roster_id
          where ${inScope(sql.raw("l.region_code"), context.scopePrefix)} and l.card_index is not null and not l.withdrawn
          group by l.card_index, r.period
          having min(l.resident_id_index) <> max(l.resident_id_index)
        )
        select ${lineColumns}, l.card_index, lp.amount_fen as paid_fen, lp.paid_on::text as paid_on,
               coalesce(l.region_code || ':' || nullif(rc.household_no, ''), 'person:' || l.resident_id_index) as household
        from shared
        join ${subsidyRosterLine} l on l.card_index = shared.card_index and ${inScope(sql.raw("l.region_code"), context.scopePrefix)}
        ${lineJoins}
        join ${subsidyLinePayment} lp on lp.region_code = l.region_code and lp.roster_id = l.roster_id and lp.line_no = l.line_no
        left join ${subsidyRecipient} rc on rc.region_code = l.region_code and rc.resident_id_index = l.resident_id_index
        where r.period = shared.period
        order by l.card_index, r.period, l.region_code, l.roster_id, l.line_no`,
  );
  const findings: Finding[] = [];
  for (const group of groupBy(found, (l) => `${l.card_index}|${l.period}`).values()) {
    const households = new Set(group.map((l) => l.household)).size;
    // People of one household on the head's card are normal; so is a card paid only once.
    if (households < 2) continue;
    const total = group.reduce((s, l) => s + l.paid_fen, 0n);
    const card = group[0]!.card_masked;
    for (const township of perTownship(group, context)) {
      findings.push(
        finding("CARD_SHARED", {
          regionCode: township,
          objects: group.map(lineObject),
          amountFen: total,
          message: `银行卡 ${card} 在 ${group[0]!.period} 期间领取了 ${households} 户 ${new Set(group.map((l) => l.resident_id_index)).size} 人的补贴（${group.map((l) => l.name).join("、")}），合计 ${yuan(total)} 元。`,
          evidence: {
            facts: [{ label: "银行卡", value: card }, { label: "期间", value: group[0]!.period }, { label: "户数", value: String(households) }, { label: "合计", value: `${yuan(total)} 元` }],
            items: group.map((l) => lineItem(l, { date: l.paid_on, amountFen: l.paid_fen, note: `${l.resident_id_masked}，户：${l.household.startsWith("person:") ? "未登记户号" : l.household.split(":")[1]}` })),
          },
        }),
      );
    }
  }
  return findings;
}

/** DECEASED_PAID: a subsidy paid to a person on a deceased list in the scope for a period that began after the date of death. */
export async function findDeceasedPaid(context: RuleContext): Promise<Finding[]> {
  const found = await rows<PaidLineRow & { died_on: string | null; listed_in: string }>(
    context.db,
    sql`select ${lineColumns}, l.card_index, '' as household, lp.amount_fen as paid_fen, lp.paid_on::text as paid_on, d.died_on::text as died_on, coalesce(g.name, d.region_code) as listed_in
        from ${subsidyReferenceEntry} d
        join ${subsidyRosterLine} l on l.resident_id_index = d.resident_id_index and ${inScope(sql.raw("l.region_code"), context.scopePrefix)}
        join ${subsidyLinePayment} lp on lp.region_code = l.region_code and lp.roster_id = l.roster_id and lp.line_no = l.line_no
        ${lineJoins}
        left join ${region} g on g.region_code = d.region_code
        where d.kind = 'deceased' and ${inScope(sql.raw("d.region_code"), context.scopePrefix)}
        order by l.region_code, l.resident_id_index, r.period, l.roster_id, l.line_no`,
  );
  // A person on two lists: the earliest date of death counts; an unknown date only when none is known.
  const diedOn = new Map<string, string | null>();
  for (const row of found) {
    const known = diedOn.get(row.resident_id_index);
    if (!diedOn.has(row.resident_id_index) || (row.died_on !== null && (known === null || known === undefined || row.died_on < known))) diedOn.set(row.resident_id_index, row.died_on);
  }
  const paidAfter = found.filter((row) => paidAfterDeath(diedOn.get(row.resident_id_index) ?? null, row.period));
  const findings: Finding[] = [];
  for (const group of groupBy(paidAfter, (l) => `${l.region_code}|${l.resident_id_index}`).values()) {
    const first = group[0]!;
    const died = diedOn.get(first.resident_id_index) ?? null;
    const unique = [...new Map(group.map((l) => [lineId(l.roster_id, l.line_no), l])).values()];
    const total = unique.reduce((s, l) => s + l.paid_fen, 0n);
    findings.push(
      finding("DECEASED_PAID", {
        regionCode: first.region_code,
        objects: unique.map(lineObject),
        amountFen: total,
        message: `${first.name}（${first.resident_id_masked}）在死亡人员名单（${first.listed_in}）中，${died ? `死亡日期 ${died}` : "名单未登记死亡日期"}，仍领取了 ${unique.map((l) => `${l.item_name ?? l.item_code} ${l.period}`).join("、")} 的补贴，合计 ${yuan(total)} 元。`,
        evidence: {
          facts: [{ label: "人员", value: `${first.name}（${first.resident_id_masked}）` }, { label: "死亡日期", value: died ?? "未登记" }, { label: "名单", value: first.listed_in }, { label: "合计", value: `${yuan(total)} 元` }],
          items: unique.map((l) => lineItem(l, { date: l.paid_on, amountFen: l.paid_fen, note: `${l.period} 期间，${l.resident_id_masked}` })),
        },
      }),
    );
  }
  return findings;
}

/**
 * DUPLICATE_ACROSS_REGIONS: one resident ID on rosters (not draft or rejected, line not withdrawn) of
 * the same item code and period in two villages or townships. A township's run sees its own villages;
 * the district's sees across townships, and each township gets its own alert for its side.
 */
export async function findDuplicateAcrossRegions(context: RuleContext): Promise<Finding[]> {
  const found = await rows<LineRow & { place: string; place_name: string | null }>(
    context.db,
    sql`with l as (
          select ${lineColumns}, coalesce(l.village_code, r.village_code, l.region_code) as place
          from ${subsidyRosterLine} l ${lineJoins}
          where ${inScope(sql.raw("l.region_code"), context.scopePrefix)} and not l.withdrawn and r.status not in ('draft', 'rejected')
        ),
        d as (select item_code, period, resident_id_index from l group by item_code, period, resident_id_index having min(place) <> max(place))
        select l.*, g.name as place_name from l join d on d.item_code = l.item_code and d.period = l.period and d.resident_id_index = l.resident_id_index
        left join ${region} g on g.region_code = l.place
        order by l.item_code, l.period, l.resident_id_index, l.region_code, l.roster_id, l.line_no`,
  );
  const findings: Finding[] = [];
  for (const group of groupBy(found, (l) => `${l.item_code}|${l.period}|${l.resident_id_index}`).values()) {
    const places = [...new Set(group.map((l) => l.place_name ?? l.place))];
    for (const township of perTownship(group, context)) {
      const own = group.filter((l) => l.region_code === township);
      const total = own.reduce((s, l) => s + l.amount_fen, 0n);
      const first = group[0]!;
      findings.push(
        finding("DUPLICATE_ACROSS_REGIONS", {
          regionCode: township,
          objects: group.map(lineObject),
          amountFen: total,
          message: `${first.name}（${first.resident_id_masked}）同时在 ${places.join("、")} 的 ${first.item_name ?? first.item_code} ${first.period} 清册上（${group.length} 行），本镇涉及 ${yuan(total)} 元。`,
          evidence: {
            facts: [{ label: "人员", value: `${first.name}（${first.resident_id_masked}）` }, { label: "项目与期间", value: `${first.item_name ?? first.item_code}（${first.item_code}）${first.period}` }, { label: "所在村（镇）", value: places.join("、") }],
            items: group.map((l) => lineItem(l, { note: `${l.place_name ?? l.place}，${l.resident_id_masked}` })),
          },
        }),
      );
    }
  }
  return findings;
}

/** SUBSIDY_LATE: a roster whose notice ended more than N days ago and still has lines not paid. */
export async function findSubsidyLate(context: RuleContext): Promise<Finding[]> {
  const found = await rows<{ region_code: string; id: string; item_code: string; item_name: string | null; period: string; village_name: string | null; status: string; notice_ends_on: string; unpaid_lines: number; unpaid_fen: bigint }>(
    context.db,
    sql`select r.region_code, r.id, r.item_code, it.name as item_name, r.period, g.name as village_name, r.status, r.notice_ends_on::text as notice_ends_on,
               (count(*) filter (where lp.roster_id is null))::int as unpaid_lines,
               coalesce(sum(l.amount_fen) filter (where lp.roster_id is null), 0)::bigint as unpaid_fen
        from ${subsidyRoster} r
        join ${subsidyRosterLine} l on l.region_code = r.region_code and l.roster_id = r.id
        left join ${subsidyLinePayment} lp on lp.region_code = l.region_code and lp.roster_id = l.roster_id and lp.line_no = l.line_no
        left join ${subsidyItem} it on it.region_code = r.region_code and it.code = r.item_code
        left join ${region} g on g.region_code = r.village_code
        where ${inScope(sql.raw("r.region_code"), context.scopePrefix)} and r.status in ('notice', 'districtReview', 'payment') and r.notice_ends_on is not null
          and r.notice_ends_on < ${context.today}::date and not l.withdrawn and l.amount_fen > 0
        group by r.region_code, r.id, r.item_code, it.name, r.period, g.name, r.status, r.notice_ends_on
        having count(*) filter (where lp.roster_id is null) > 0
        order by r.region_code, r.notice_ends_on, r.id`,
  );
  const statusNames: Record<string, string> = { notice: "公示中", districtReview: "区级审核", payment: "发放中" };
  const findings: Finding[] = [];
  for (const r of found) {
    const t = context.thresholds.get(r.region_code);
    if (!t) continue;
    const late = daysBetween(r.notice_ends_on, context.today);
    if (late <= t.subsidyLateDays) continue;
    const name = `${r.item_name ?? r.item_code} ${r.period}${r.village_name ? ` ${r.village_name}` : ""}清册`;
    findings.push(
      finding("SUBSIDY_LATE", {
        regionCode: r.region_code,
        objects: [{ type: "roster", id: r.id, regionCode: r.region_code, label: name }],
        amountFen: r.unpaid_fen,
        message: `${name}公示已于 ${r.notice_ends_on} 结束，${late} 天后仍有 ${r.unpaid_lines} 人未发放（${yuan(r.unpaid_fen)} 元），当前在“${statusNames[r.status] ?? r.status}”环节。`,
        evidence: {
          facts: [{ label: "公示结束", value: r.notice_ends_on }, { label: "已过天数", value: `${late} 天` }, { label: "阈值", value: `${t.subsidyLateDays} 天` }, { label: "未发放", value: `${r.unpaid_lines} 人，${yuan(r.unpaid_fen)} 元` }],
          items: [{ objectType: "roster", objectId: r.id, regionCode: r.region_code, label: name, date: r.notice_ends_on, amount: formatYuan(r.unpaid_fen), note: `未发放 ${r.unpaid_lines} 人` }],
        },
      }),
    );
  }
  return findings;
}
