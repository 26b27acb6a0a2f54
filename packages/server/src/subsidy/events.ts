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
