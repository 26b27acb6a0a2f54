// Names and colours of budget-unit statuses and kinds. The names come from the shared
// package, so that server messages and the web app use the same words.
import { budgetUnitKindNames, budgetUnitStatusNames } from "@xiangcai/shared";
import type { BudgetUnitKind, BudgetUnitStatus } from "../../apiTypes.ts";

export const BUDGET_UNIT_STATUS: Readonly<Record<BudgetUnitStatus, { label: string; color: string }>> = {
  pending: { label: budgetUnitStatusNames.pending, color: "gold" },
  active: { label: budgetUnitStatusNames.active, color: "green" },
  rejected: { label: budgetUnitStatusNames.rejected, color: "red" },
  returned: { label: budgetUnitStatusNames.returned, color: "orange" },
};

export const BUDGET_UNIT_KIND: Readonly<Record<BudgetUnitKind, string>> = budgetUnitKindNames;

