// Roles, their permissions and the data scope: the pure rules of who may do what, where.
import { scopePrefixOf } from "@xiangcai/shared";

export const permissions = [
  "org.read",
  "org.manage",
  "budgetUnit.read",
  "budgetUnit.create",
  "budgetUnit.approve",
  "user.read",
  "user.manage",
  "audit.read",
  "audit.verify",
  "flow.read",
  "settings.manage",
  // Catalogues, budget and treasury payment.
  "catalog.manage",
  "budget.read",
  "budget.request",
  "budget.review",
  "budget.approve",
  "indicator.manage",
  "yearEnd.district",
  "indicator.approve",
  "payment.read",
  "payment.create",
  "payment.unitReview",
  "payment.review",
  "payment.bank",
  // Government accounting.
  "ledger.read",
  "ledger.enter",
  "ledger.review",
  "ledger.post",
  "ledger.close",
  "ledger.reopen",
  // Subsidies on one card.
  "subsidy.read",
  "subsidy.manage",
  "subsidy.enter",
  "subsidy.villageReview",
  "subsidy.townshipReview",
  "subsidy.districtReview",
  "subsidy.pay",
  // Fund supervision: read alerts and reports, run the rules, handle a township's alerts (verify,
  // rectify), close them and rule on false alarms (district), set the thresholds (district).
  "supervision.read",
  "supervision.run",
  "supervision.handle",
  "supervision.close",
  "supervision.configure",
  // Reporting up (上报) to the district.
  "report.read",
  "report.prepare",
  "report.review",
  // Budget performance (targets, monitoring, congress package, evaluation, results applied).
  "performance.read",
  "performance.enter",
  "performance.review",
  "performance.exception",
  "performance.congress",
  // Rectification tasks (整改), shared by performance and supervision.
  "rectification.read",
  "rectification.work",
  // Government debt, the registers (台账) and the park credit programme.
  "debt.read",
  "debt.manage",
  "debt.repay",
  "register.read",
  "register.manage",
  "parkCredit.read",
  "parkCredit.manage",
  // The service hall (服务大厅): read the matters; accept, import, answer and follow them up.
  "hall.read",
  "hall.accept",
] as const;
export type Permission = (typeof permissions)[number];

export type RoleLevel = "district" | "township" | "village";

interface RoleDefinition {
  name: string;
  /** Region levels a user with this role may sit at. */
  levels: readonly RoleLevel[];
  permissions: readonly Permission[];
}

const READ_ONLY: readonly Permission[] = permissions.filter((p) => p.endsWith(".read") || p === "audit.verify");

export const roles = {
  districtAdmin: {
    name: "区财政局系统管理员",
    levels: ["district"],
    permissions: ["org.read", "org.manage", "budgetUnit.read", "budgetUnit.create", "user.read", "user.manage", "audit.read", "audit.verify", "flow.read", "settings.manage", "catalog.manage", "budget.read", "payment.read", "ledger.read", "subsidy.read", "subsidy.manage", "performance.read", "rectification.read", "supervision.read"],
  },
  districtSupervisor: { name: "区财政局监管员", levels: ["district"], permissions: [...READ_ONLY, "subsidy.districtReview", "yearEnd.district", "report.review", "supervision.run", "supervision.close", "supervision.configure", "parkCredit.manage"] },
  townshipDirector: {
    name: "财政所所长",
    levels: ["township"],
    permissions: ["org.read", "budgetUnit.read", "budgetUnit.approve", "user.read", "user.manage", "audit.read", "audit.verify", "flow.read", "settings.manage", "budget.read", "budget.review", "budget.approve", "indicator.approve", "payment.read", "payment.review", "ledger.read", "ledger.review", "ledger.close", "ledger.reopen", "subsidy.read", "subsidy.townshipReview", "report.read", "report.prepare", "performance.read", "performance.review", "performance.exception", "rectification.read", "rectification.work", "supervision.read", "supervision.run", "supervision.handle", "debt.read", "debt.manage", "debt.repay", "register.read", "register.manage", "hall.read", "hall.accept"],
  },
  generalBudgetAccountant: {
    name: "总预算会计",
    levels: ["township"],
    permissions: ["org.read", "budgetUnit.read", "budgetUnit.create", "flow.read", "budget.read", "budget.review", "indicator.manage", "payment.read", "payment.review", "ledger.read", "ledger.enter", "ledger.review", "ledger.post", "ledger.close", "report.read", "report.prepare", "performance.read", "performance.review", "rectification.read", "rectification.work", "supervision.read", "supervision.handle", "debt.read", "debt.manage", "debt.repay", "register.read", "register.manage", "hall.read", "hall.accept"],
  },
  unitAccountant: {
    name: "行财会计",
    levels: ["township"],
    permissions: ["org.read", "budgetUnit.read", "budgetUnit.create", "flow.read", "budget.read", "budget.request", "payment.read", "payment.create", "payment.unitReview", "ledger.read", "ledger.enter", "ledger.review", "ledger.post", "performance.read", "performance.enter", "rectification.read", "rectification.work", "supervision.read", "supervision.handle", "debt.read", "debt.repay", "register.read", "hall.read", "hall.accept"],
  },
  subsidyClerk: { name: "惠农补贴专管员", levels: ["township"], permissions: ["org.read", "budgetUnit.read", "flow.read", "budget.read", "subsidy.read", "subsidy.manage", "subsidy.enter", "subsidy.townshipReview", "subsidy.pay", "performance.read", "performance.enter", "rectification.read", "rectification.work", "supervision.read", "supervision.handle", "register.read", "register.manage", "hall.read", "hall.accept"] },
  cashier: { name: "出纳", levels: ["township"], permissions: ["org.read", "budgetUnit.read", "flow.read", "payment.read", "payment.bank", "ledger.read", "ledger.enter", "subsidy.read", "subsidy.pay", "hall.read", "hall.accept"] },
  archivist: { name: "档案管理员", levels: ["township"], permissions: ["org.read", "budgetUnit.read", "audit.read", "flow.read", "ledger.read", "hall.read", "hall.accept"] },
  budgetUnitClerk: { name: "预算单位经办人", levels: ["township"], permissions: ["org.read", "flow.read", "budget.read", "budget.request", "payment.read", "payment.create", "performance.read", "performance.enter", "rectification.read", "rectification.work"] },
  villageReviewer: { name: "村级审核员", levels: ["village"], permissions: ["org.read", "flow.read", "subsidy.read", "subsidy.enter", "subsidy.villageReview"] },
  congressReviewer: { name: "人大审查员", levels: ["township"], permissions: ["org.read", "budgetUnit.read", "flow.read", "budget.read", "budget.approve", "payment.read", "performance.read", "performance.congress"] },
  auditor: { name: "审计员（只读）", levels: ["district", "township"], permissions: READ_ONLY },
} as const satisfies Record<string, RoleDefinition>;

export type RoleCode = keyof typeof roles;
export const roleCodes = Object.keys(roles) as RoleCode[];

export function isRoleCode(value: string): value is RoleCode {
  return Object.hasOwn(roles, value);
}

/** Roles only the district may grant. */
const DISTRICT_GRANTED: ReadonlySet<RoleCode> = new Set(["districtAdmin", "districtSupervisor", "auditor"]);

export function permissionsOf(roleList: readonly RoleCode[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roleList) for (const p of roles[role].permissions) result.add(p);
  return result;
}

/** The person acting: who, with which roles, over which region-code prefix. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  regionCode: string;
  scopePrefix: string;
  roles: RoleCode[];
  permissions: Set<Permission>;
}

export function makeActor(user: { id: string; username: string; displayName: string; regionCode: string }, roleList: RoleCode[]): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    regionCode: user.regionCode,
    scopePrefix: scopePrefixOf(user.regionCode),
    roles: roleList,
    permissions: permissionsOf(roleList),
  };
}

/** Why `grantor` may not give `roleList` to a user at a region of `level`, or null when allowed. */
export function roleGrantProblem(grantor: Actor, roleList: readonly RoleCode[], level: RoleLevel): string | null {
  if (roleList.length === 0) return "至少选择一个角色。";
  for (const role of roleList) {
    const def: RoleDefinition = roles[role];
    if (!def.levels.includes(level)) return `角色“${def.name}”不能设在该级别的机构。`;
    if (DISTRICT_GRANTED.has(role) && !grantor.roles.includes("districtAdmin")) return `角色“${def.name}”只能由区财政局系统管理员授予。`;
  }
  return null;
}
