// The subsidy domain's outbox topics, declared once: name and payload schema (docs/events.md is
// generated from these).
import { z } from "zod";
import { defineTopic, eventField as f } from "../platform/outbox.ts";

const itemFacts = {
  regionCode: f.regionCode(),
  itemCode: f.text(),
  itemName: f.text(),
  indicatorId: f.id().nullable(),
  functionalCode: f.text(),
  economicCode: f.text(),
  amount: f.yuan(),
};

export const linesPaidTopic = defineTopic("subsidy.linesPaid", z.strictObject({ batchId: f.id(), ...itemFacts, lineCount: f.count(), paidAt: f.date() }), {
  producer: "subsidy",
  description: "a bank result paid lines of a roster's batch: their total, once per batch result imported",
});

export const linesRecoveredTopic = defineTopic("subsidy.linesRecovered", z.strictObject({ recoveryId: f.id(), ...itemFacts, rosterId: f.id(), lineNo: f.count(), recoveredAt: f.date() }), {
  producer: "subsidy",
  description: "a wrong payment's money came back: published when the receipt is recorded, once per recovery",
});

export const rosterSubmittedTopic = defineTopic(
  "subsidy.rosterSubmitted",
  z.strictObject({
    rosterId: f.id(),
    regionCode: f.regionCode(),
    villageCode: f.regionCode().nullable(),
    itemCode: f.text(),
    period: f.text(),
    lineCount: f.count(),
    amount: f.yuan(),
    submittedOn: f.date(),
  }),
  { producer: "subsidy", description: "a roster was submitted for review (提交村级审核, also again after a return), before its notice and payment: fund supervision runs its 事前 rules on rosters for the township on its next tick" },
);
