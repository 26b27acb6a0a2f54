-- 财园信贷通 (park credit programme), completed: the share of a loss the risk compensation fund bears
-- under each bank's agreement (the bank bears the rest), and the park an enterprise sits in.
ALTER TABLE park_credit_bank
  ADD COLUMN fund_share_percent text NOT NULL DEFAULT '80' CHECK (fund_share_percent ~ '^(100(\.0{1,2})?|[1-9]?[0-9](\.[0-9]{1,2})?)$'),
  ADD COLUMN contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 100);

ALTER TABLE park_credit_loan
  ADD COLUMN park_name text NOT NULL DEFAULT '' CHECK (length(park_name) <= 100);

CREATE INDEX park_credit_fund_loan ON park_credit_fund_movement (region_code, loan_id);
