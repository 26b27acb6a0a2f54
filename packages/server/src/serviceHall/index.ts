// The service hall's public face (服务大厅): its flow, home card and to-do card for the composition root, and reading
// a resident's matters for the domains that will show them (archives, the kiosk).
export { serviceMatterFlow, SERVICE_MATTER_FLOW, HALL_STAFF, getMatter, listMatters, type MatterFilter } from "./service.ts";
export { hallCard } from "./homeCard.ts";
export { hallTodoSummary } from "./todoSummary.ts";
export { serviceMatter } from "./tables.ts";
