// The reporting domain's public face: the one report-up mechanism (deadline, submit, district review,
// return, lock, the district's one page, consolidation). A domain declares a ReportKind; the
// composition root registers it with registerReportKind.
export { reportInstance, reportVersion } from "./tables.ts";
export { registerReportKind, prepareReport, submitReport, reviewReport, getReport, listReports, reportStatus, reportDeadline, acceptedContents, listReportKinds, deadlineDaysSetting } from "./service.ts";
export { reportKindOf, reportFlowCode, type ReportKind, type ReportContent, type ReportProblem, type ReportSummary } from "./definition.ts";
export { parsePeriod, periodDeadline, previousPeriod, lastDayOfMonth, rankBy, type ReportPeriod, type Periodicity } from "./rules.ts";
