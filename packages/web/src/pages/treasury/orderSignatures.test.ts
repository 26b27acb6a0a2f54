// Proves the payment order's signatures come from the approvals of each step (not the submission, not
// a rejection, not a hand-over), the later approval winning, and a step not yet approved stays empty.
import { describe, expect, it } from "vitest";
import type { FlowHistoryView } from "@xiangcai/shared";
import { orderSignatures } from "./orderSignatures.ts";

const entry = (kind: FlowHistoryView["kind"], action: string, fromState: string | null, actorName: string, at: string): FlowHistoryView => ({
  at, actorName, kind, action, actionLabel: action, fromState, toState: "x", note: null, toOwnerName: null,
});

describe("orderSignatures", () => {
  it("names the unit and finance approvers with their times", () => {
    const history = [
      entry("start", "start", null, "吴强", "2026-03-01T01:00:00Z"),
      entry("transition", "approve", "unitReview", "张伟", "2026-03-01T02:00:00Z"),
      entry("transition", "approve", "financeReview", "李秀英", "2026-03-02T03:00:00Z"),
    ];
    expect(orderSignatures(history)).toEqual({ unitReview: { name: "张伟", at: "2026-03-01T02:00:00Z" }, financeReview: { name: "李秀英", at: "2026-03-02T03:00:00Z" } });
  });

  it("leaves a step empty until approved, and ignores hand-overs and rejections", () => {
    const history = [
      entry("start", "start", null, "吴强", "2026-03-01T01:00:00Z"),
      entry("handover", "handover", "unitReview", "张伟", "2026-03-01T01:30:00Z"),
      entry("transition", "reject", "unitReview", "张伟", "2026-03-01T02:00:00Z"),
    ];
    expect(orderSignatures(history)).toEqual({ unitReview: null, financeReview: null });
  });

  it("takes the later approval when a step was approved twice", () => {
    const history = [entry("transition", "approve", "unitReview", "甲", "2026-03-01T02:00:00Z"), entry("transition", "approve", "unitReview", "乙", "2026-03-03T02:00:00Z")];
    expect(orderSignatures(history).unitReview).toEqual({ name: "乙", at: "2026-03-03T02:00:00Z" });
  });
});
