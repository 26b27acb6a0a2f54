// The performance domain's public face (预算绩效管理): the checks the composition root registers on
// budget's and treasury's faces, the flows it lists, and what other domains may read.
export { performanceLineReviewCheck, resultAdvice } from "./results.ts";
export { paymentHoldCheck } from "./monitoring.ts";
export { targetFlow, TARGET_FLOW } from "./targets.ts";
export { evaluationFlow, EVALUATION_FLOW } from "./evaluation.ts";
export { performanceRectification } from "./rectifications.ts";
export { performanceTargetSheet, performanceEvaluation, type SubjectKind } from "./tables.ts";
