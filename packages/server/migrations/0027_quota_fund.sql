-- The authorised-payment quota (授权支付额度, 用款计划) is issued per appropriation fund as well as per
-- expenditure kind: the quota's key gains the fund (财政拨款种类 of the indicator: 一般公共预算, 政府性基金,
-- 国有资本经营; upper transfers and other money count as 一般公共预算), so a 政府性基金 payment draws on a
-- 政府性基金 quota and the unit ledger posts its income on 6001's 政府性基金 明细. A payment that used a
-- quota records the fund it used, so a cancellation, return or refund gives the money back to that row.
-- Quotas and payments from before are 一般公共预算, as the ledger posted them.
ALTER TABLE payment_quota ADD COLUMN fund text NOT NULL DEFAULT 'generalBudget' CHECK (fund IN ('generalBudget', 'governmentFund', 'stateCapital'));
ALTER TABLE payment_quota ALTER COLUMN fund DROP DEFAULT;
ALTER TABLE payment_quota DROP CONSTRAINT payment_quota_pkey;
ALTER TABLE payment_quota ADD PRIMARY KEY (region_code, budget_unit_id, fiscal_year, month, expenditure_kind, fund);

ALTER TABLE payment_request ADD COLUMN quota_fund text CHECK (quota_fund IN ('generalBudget', 'governmentFund', 'stateCapital'));
UPDATE payment_request SET quota_fund = 'generalBudget' WHERE quota_month IS NOT NULL;
ALTER TABLE payment_request ADD CONSTRAINT payment_request_quota_fund CHECK ((quota_month IS NULL) = (quota_fund IS NULL));
