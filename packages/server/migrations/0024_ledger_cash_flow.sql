-- 现金流量表 is prepared where a unit chooses it (政府会计制度): an option of the account set.
ALTER TABLE ledger_account_set ADD COLUMN cash_flow boolean NOT NULL DEFAULT false;
