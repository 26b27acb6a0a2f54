-- The authorised-payment quota (授权支付额度, 用款计划) is issued per unit with 基本支出 and 项目支出
-- separate: the quota's key gains the expenditure kind (budget/spending.ts: basic | project), and a
-- payment that used a quota records which kind it used, so a cancellation, return or refund gives the
-- money back to that row. Quotas and payments from before are 基本支出, as the ledger posted them.
ALTER TABLE payment_quota ADD COLUMN expenditure_kind text NOT NULL DEFAULT 'basic' CHECK (expenditure_kind IN ('basic', 'project'));
ALTER TABLE payment_quota ALTER COLUMN expenditure_kind DROP DEFAULT;
ALTER TABLE payment_quota DROP CONSTRAINT payment_quota_pkey;
ALTER TABLE payment_quota ADD PRIMARY KEY (region_code, budget_unit_id, fiscal_year, month, expenditure_kind);

ALTER TABLE payment_request ADD COLUMN quota_kind text CHECK (quota_kind IN ('basic', 'project'));
UPDATE payment_request SET quota_kind = 'basic' WHERE quota_month IS NOT NULL;
ALTER TABLE payment_request ADD CONSTRAINT payment_request_quota_kind CHECK ((quota_month IS NULL) = (quota_kind IS NULL));
