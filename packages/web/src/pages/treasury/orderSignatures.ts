// Who approved a payment at each step, read from its flow history, for the printed payment order's
// 单位审核 / 财政审核 lines: the last approval that left the step (a payment sent back and approved
// again shows the approval that counted). Pure.
import type { FlowHistoryView } from "@xiangcai/shared";

export interface Signature {
  name: string;
  at: string;
}

export interface OrderSignatures {
  unitReview: Signature | null;
  financeReview: Signature | null;
}

function lastApproval(history: readonly FlowHistoryView[], step: string): Signature | null {
  const found = history.filter((e) => e.kind === "transition" && e.fromState === step && e.action === "approve").at(-1);
  return found ? { name: found.actorName, at: found.at } : null;
}

export function orderSignatures(history: readonly FlowHistoryView[]): OrderSignatures {
  return { unitReview: lastApproval(history, "unitReview"), financeReview: lastApproval(history, "financeReview") };
}
