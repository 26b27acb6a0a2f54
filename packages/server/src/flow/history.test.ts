// Proves a matter's history names the step that was acted on: when the same action (approve) leaves
// two steps with different labels, each event carries the label of the step it left, not the next
// step's; start and hand-over keep their own words, and an action no longer in the flow shows as is.
import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "./definition.ts";
import { historyEntry } from "./engine.ts";

const twoReviews: FlowDefinition = {
  code: "twoReviews",
  name: "两级审核",
  entityType: "thing",
  initialState: "first",
  states: {
    first: { name: "待单位审核", roles: ["unitAccountant"] },
    second: { name: "待财政所审核", roles: ["generalBudgetAccountant"] },
    done: { name: "已通过", roles: [], final: true },
  },
  transitions: [
    { from: "first", action: "approve", label: "单位审核通过", to: "second" },
    { from: "second", action: "approve", label: "财政审核通过", to: "done" },
  ],
};

const at = new Date("2026-03-02T02:00:00Z");
const event = (kind: "start" | "transition" | "handover", action: string, fromState: string | null, toState: string) => ({ at, actorName: "张伟", kind, action, fromState, toState, note: null });

describe("history labels", () => {
  it("labels the first approval with the first step's label, not the second's", () => {
    expect(historyEntry(twoReviews, event("transition", "approve", "first", "second"), null).actionLabel).toBe("单位审核通过");
    expect(historyEntry(twoReviews, event("transition", "approve", "second", "done"), null).actionLabel).toBe("财政审核通过");
  });

  it("keeps 提交 and 转交, and names the new owner only on a hand-over", () => {
    expect(historyEntry(twoReviews, event("start", "start", null, "first"), "李秀英")).toMatchObject({ actionLabel: "提交", toOwnerName: null });
    expect(historyEntry(twoReviews, event("handover", "handover", "first", "first"), "李秀英")).toMatchObject({ actionLabel: "转交", toOwnerName: "李秀英" });
  });

  it("shows an action the flow no longer has by its code rather than another step's label", () => {
    expect(historyEntry(twoReviews, event("transition", "approve", "retired", "done"), null).actionLabel).toBe("approve");
  });
});
