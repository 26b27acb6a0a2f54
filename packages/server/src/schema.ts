// Every table of every domain, for the typed data layer. A new domain adds its tables here.
import * as org from "./org/tables.ts";
import * as identity from "./identity/tables.ts";
import * as flow from "./flow/tables.ts";
import * as audit from "./audit/tables.ts";
import * as settings from "./platform/settingsTable.ts";
import * as outbox from "./platform/outboxTables.ts";
import * as catalog from "./catalog/tables.ts";
import * as budget from "./budget/tables.ts";
import * as treasury from "./treasury/tables.ts";
import * as ledger from "./ledger/tables.ts";
import * as subsidy from "./subsidy/tables.ts";
import { attachment } from "./platform/attachments.ts";

export const schema = { ...org, ...identity, ...flow, ...audit, ...settings, ...outbox, ...catalog, ...budget, ...treasury, ...ledger, ...subsidy, attachment };
