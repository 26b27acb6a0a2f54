// The rectification mechanism's public face (整改): any domain declares its kind of rectification
// with defineRectificationFlow (listing `kind.flow` in src/domains.ts) and opens tasks with
// openRectification in its own transaction; the routes under /rectification list, show and advance
// every kind's tasks, and count them by category.
export { defineRectificationFlow, openRectification, submitEvidence, getRectification, listRectifications, rectificationCategories, rectificationKinds, RECTIFICATION_ATTACHMENT_OWNER, type RectificationKind, type RectificationKindOptions, type OpenRectificationInput, type RectificationFilter } from "./service.ts";
export { rectificationTask, rectificationEvidence, type RectificationStatus } from "./tables.ts";
