// The park credit programme's endpoints (财园信贷通) as typed calls; every money-moving command
// (fund deposit or withdrawal, a loan, a repayment, compensation, a recovery) carries the form's
// Idempotency-Key.
import type { Items, ParkBankView, ParkFiguresView, ParkFundMovementView, ParkLoanDetailView, ParkLoanView } from "@xiangcai/shared";
import { download, request } from "../../api.ts";
import type { Page } from "../../apiTypes.ts";
import type { Q } from "../debt/debtApi.ts";

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });
const command = <T,>(path: string, body: unknown, key: string) => request<T>(path, { method: "POST", body, idempotencyKey: key });

export const parkCreditApi = {
  banks: (signal?: AbortSignal) => get<Items<ParkBankView>>("/park-credit/banks", undefined, signal),
  createBank: (body: unknown) => request<ParkBankView>("/park-credit/banks", { method: "POST", body }),
  moveFund: (bankId: string, body: unknown, key: string) => command<ParkBankView>(`/park-credit/banks/${bankId}/fund`, body, key),
  movements: (q: Q, signal?: AbortSignal) => get<Page<ParkFundMovementView>>("/park-credit/fund-movements", q, signal),
  loans: (q: Q, signal?: AbortSignal) => get<Page<ParkLoanView>>("/park-credit/loans", q, signal),
  /** The register of the list's filters as Excel (every loan, not the page). */
  exportLoans: (q: Q) => download("/park-credit/loans/export", { query: q, fallbackName: "财园信贷通贷款台账.xlsx" }),
  loan: (id: string, signal?: AbortSignal) => get<ParkLoanDetailView>(`/park-credit/loans/${id}`, undefined, signal),
  grant: (body: unknown, key: string) => command<ParkLoanDetailView>("/park-credit/loans", body, key),
  repay: (id: string, body: unknown, key: string) => command<ParkLoanDetailView>(`/park-credit/loans/${id}/repayments`, body, key),
  mark: (id: string, move: "overdue" | "default", body: unknown) => request<ParkLoanDetailView>(`/park-credit/loans/${id}/${move}`, { method: "POST", body }),
  compensate: (id: string, body: unknown, key: string) => command<ParkLoanDetailView>(`/park-credit/loans/${id}/compensation`, body, key),
  recover: (id: string, body: unknown, key: string) => command<ParkLoanDetailView>(`/park-credit/loans/${id}/recoveries`, body, key),
  figures: (signal?: AbortSignal) => get<ParkFiguresView>("/park-credit/figures", undefined, signal),
};

export const loanStatusColours = { performing: "green", overdue: "orange", defaulted: "red", compensated: "purple", repaid: "default" } as const;
