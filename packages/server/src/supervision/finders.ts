// Each rule's query, by code: the one table the runner and the tests go through.
import type { RuleCode } from "./rules.ts";
import type { RuleFinder } from "./findCommon.ts";
import { findIdleFunds, findLargeWithoutAttachment, findPersonalAccountLarge, findSplitPayments, findYearEndSurge } from "./findPayments.ts";
import { findCardShared, findDeceasedPaid, findDuplicateAcrossRegions, findPayeeIsStaff, findSubsidyLate } from "./findSubsidies.ts";

export const finders: Record<RuleCode, RuleFinder> = {
  SPLIT_PAYMENT: findSplitPayments,
  PERSONAL_ACCOUNT_LARGE: findPersonalAccountLarge,
  PAYEE_IS_STAFF: findPayeeIsStaff,
  CARD_SHARED: findCardShared,
  DECEASED_PAID: findDeceasedPaid,
  DUPLICATE_ACROSS_REGIONS: findDuplicateAcrossRegions,
  IDLE_FUNDS: findIdleFunds,
  YEAR_END_SURGE: findYearEndSurge,
  SUBSIDY_LATE: findSubsidyLate,
  LARGE_WITHOUT_ATTACHMENT: findLargeWithoutAttachment,
};
