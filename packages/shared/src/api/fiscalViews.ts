// Answer shapes of the revenue side of the budget (收入预算), remittances up (上解) and the treasury's
// daily revenue report (国库收入日报): declared once, used by the server's routes and the web's pages.
import type { remittanceKinds, revenueFunds, revenueLineKinds } from "./fiscal.ts";

export type RevenueLineKind = (typeof revenueLineKinds)[number];
export type RevenueFund = (typeof revenueFunds)[number];
export type RemittanceKind = (typeof remittanceKinds)[number];

export interface RevenueLineView {
  id: string;
  roundId: string;
  kind: RevenueLineKind;
  kindName: string;
  side: "sources" | "uses";
  fund: RevenueFund;
  fundName: string;
  revenueCode: string | null;
  name: string;
  amount: string;
  note: string | null;
  createdAt: string;
}

export interface RevenueSideView {
  roundId: string;
  regionCode: string;
  fiscalYear: number;
  status: "preparing" | "approved";
  lines: RevenueLineView[];
  balance: {
    balanced: boolean;
    message: string | null;
    funds: { fund: RevenueFund; fundName: string; sources: string; expenditure: string; otherUses: string; difference: string }[];
  };
}

export interface RemittanceView {
  id: string;
  regionCode: string;
  fiscalYear: number;
  documentNo: string;
  kind: RemittanceKind;
  kindName: string;
  fund: RevenueFund;
  fundName: string;
  amount: string;
  remittedOn: string;
  note: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface RevenueReportView {
  id: string;
  regionCode: string;
  reportDate: string;
  source: "entered" | "imported";
  fileName: string | null;
  lineCount: number;
  total: string;
  recordedByName: string;
  recordedAt: string;
  lines?: { lineNo: number; revenueCode: string; revenueName: string; fund: string; amount: string }[];
}
