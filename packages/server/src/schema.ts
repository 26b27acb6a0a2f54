// Every table of every domain: the list platform/schema.test.ts checks column by column against the
// migrated database (queries name their tables; the database handle needs no schema). A new domain
// adds its tables here.
import * as tenant from "./platform/regionTable.ts";
import * as org from "./org/tables.ts";
import * as identity from "./identity/tables.ts";
import * as flow from "./flow/tables.ts";
import * as audit from "./audit/tables.ts";
import * as settings from "./platform/settingsTable.ts";
import * as outbox from "./platform/outboxTables.ts";
import * as keyRotation from "./platform/keyRotationTables.ts";
import * as catalog from "./catalog/tables.ts";
import * as budget from "./budget/tables.ts";
import * as treasury from "./treasury/tables.ts";
import * as ledger from "./ledger/tables.ts";
import * as subsidy from "./subsidy/tables.ts";
import * as reporting from "./reporting/tables.ts";
import * as debt from "./debt/tables.ts";
import * as registers from "./registers/tables.ts";
import * as performance from "./performance/tables.ts";
import * as rectification from "./rectification/tables.ts";
import * as serviceHall from "./serviceHall/tables.ts";
import * as supervision from "./supervision/tables.ts";
import * as finalAccounts from "./finalAccounts/tables.ts";
import { attachment } from "./platform/attachments.ts";

export const schema = { ...tenant, ...org, ...identity, ...flow, ...audit, ...settings, ...outbox, ...keyRotation, ...catalog, ...budget, ...treasury, ...ledger, ...subsidy, ...reporting, ...debt, ...registers, ...performance, ...rectification, ...supervision, ...finalAccounts, ...serviceHall, attachment };
