// The subsidy domain's public face.
export { ROSTER_FLOW } from "./common.ts";
export { linesPaidTopic, linesRecoveredTopic, rosterSubmittedTopic } from "./events.ts";
export { subsidyItemFigures, subsidyItemNames, type SubsidyItemFigures } from "./figures.ts";
// Tables fund supervision reads (read-only) to look across rosters, payments and reference lists.
export { subsidyItem, subsidyRecipient, subsidyReferenceEntry, subsidyRoster, subsidyRosterLine, subsidyLinePayment, subsidyRecovery, subsidyRecoveryReceipt } from "./tables.ts";
// The guarded .xlsx reader (zip-bomb checks, row limits, streaming), used by other domains' imports
// until it moves to the platform.
export { inspectXlsxBuffer, streamSheetRows, SheetFileError, UPLOAD_BYTES_MAX } from "../platform/sheetReader.ts";
// The moves of a roster's life other domains' demo data go through (fund supervision's demo cases).
export { importRoster } from "./rosters.ts";
export { moveRoster } from "./rosterFlow.ts";
export { setRosterIndicator } from "./rosterLines.ts";
export { createBatch, importBankResult as importSubsidyBankResult } from "./payment.ts";
export { importReferenceList } from "./registry.ts";
export { referenceNo } from "./rules.ts";
export { rosterTodoSummary } from "./todoSummary.ts";
export { rosterStagesCard } from "./homeCards.ts";
