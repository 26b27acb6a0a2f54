// The catalogue domain's public face: look-ups by code for other domains.
export { classificationItem } from "./tables.ts";
export { lookupClassification, classificationNames, importCatalog, installDefaultCatalogs, defaultCatalogRows, listClassifications, type ClassificationView, type ImportResult } from "./service.ts";
export { catalogRegionOf, levelOf, parentCodeOf, parseCsv, revenueFundOf, isOwnRevenueCode, type RevenueFundOfCode } from "./rules.ts";
export { codeWithName, classificationNamesOf, classificationNamesByYear } from "./codeNames.ts";
