// Home pages: one per kind of user (the district's, a township director's, an accountant's, a
// clerk's), made of cards the domains register from the composition root (domains.ts), the way
// flow/todo.ts takes their summary cards. A card reads with the actor's rights and changes nothing;
// a card that has nothing to say for the actor answers null and is left out.
import type { HomeCardView, HomeView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { roles, type Actor, type Permission, type RoleCode } from "../identity/index.ts";

export type HomeAudience = HomeView["audience"];

/** What every card is given: the year shown (China time of `now`), the kind of home, the instant. */
export interface HomeContext {
  fiscalYear: number;
  audience: HomeAudience;
  now: Date;
}

export interface HomeCard {
  /** Stable code (budget.execution), also the card's test id in the browser. */
  code: string;
  /** The homes that show it. */
  audiences: readonly HomeAudience[];
  /** Only actors holding one of these see it (the data behind it needs them). */
  permissions: readonly Permission[];
  /** Position on the page; lower first. */
  order: number;
  load(db: Db, actor: Actor, context: HomeContext): Promise<HomeCardView | null>;
}

const cards = new Map<string, HomeCard>();

export function registerHomeCard(card: HomeCard): void {
  if (!/^[a-zA-Z.]{1,60}$/.test(card.code)) throw new Error(`Home card code ${card.code} is not a plain code`);
  const existing = cards.get(card.code);
  if (existing && existing !== card) throw new Error(`Home card ${card.code} registered twice`);
  cards.set(card.code, card);
}

export function registeredHomeCards(): HomeCard[] {
  return [...cards.values()].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
}

const DISTRICT_ROLES: readonly RoleCode[] = ["districtSupervisor", "districtAdmin"];
const DIRECTOR_ROLES: readonly RoleCode[] = ["townshipDirector", "congressReviewer"];
const ACCOUNTANT_ROLES: readonly RoleCode[] = ["generalBudgetAccountant", "unitAccountant", "cashier", "archivist"];
const CLERK_ROLES: readonly RoleCode[] = ["budgetUnitClerk", "subsidyClerk", "villageReviewer"];

/**
 * The kind of home a user gets, from the weightiest of their roles: anyone at the district who
 * supervises or administers gets the district's dashboard, a director (or the congress, who reads
 * the same figures) the township's, then accountants, then clerks; a read-only auditor gets the
 * dashboard of the level it sits at, without the work cards.
 */
export function audienceOf(actor: Pick<Actor, "roles" | "scopePrefix">): HomeAudience {
  const has = (list: readonly RoleCode[]) => actor.roles.some((r) => list.includes(r));
  if (has(DISTRICT_ROLES)) return "district";
  if (has(DIRECTOR_ROLES)) return "director";
  if (has(ACCOUNTANT_ROLES)) return "accountant";
  if (has(CLERK_ROLES)) return "clerk";
  return actor.scopePrefix.length <= 6 ? "district" : "reader";
}

/** 财政所所长 · 青禾镇: the user's roles and where they sit. */
export function headingOf(actor: Pick<Actor, "roles">, regionName: string): string {
  return `${actor.roles.map((r) => roles[r].name).join("、")} · ${regionName}`;
}

/** The cards of the actor's home, in order; each loaded with the actor's rights. */
export async function homeCards(db: Db, actor: Actor, context: HomeContext): Promise<HomeCardView[]> {
  const shown = registeredHomeCards().filter((c) => c.audiences.includes(context.audience) && c.permissions.some((p) => actor.permissions.has(p)));
  const out: HomeCardView[] = [];
  // One after the other: a home is a handful of small queries, and the test databases hold one connection.
  for (const card of shown) {
    const view = await card.load(db, actor, context);
    if (view) out.push(view);
  }
  return out;
}
