-- Ledger: voucher templates per business type kept on the server, and opening balances (期初余额)
-- of account sets migrated from other software.

-- A template belongs to a township (region_code) and applies to every set of it (set_id NULL) or
-- to one set. The built-in templates of DOMAIN.md §5 live in code; a stored template with the same
-- business type replaces the built-in one in its scope (active = false hides it).
-- lines: [{ "account": "1011", "side": "debit" | "credit", "aux"?: { ... }, "summary"?: "…" }]
CREATE TABLE ledger_voucher_template (
  region_code text NOT NULL,
  id uuid NOT NULL,
  set_id uuid,
  business_type text NOT NULL CHECK (business_type ~ '^[a-zA-Z][a-zA-Z0-9]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  summary text NOT NULL,
  lines jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid,
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);
CREATE INDEX ledger_voucher_template_scope ON ledger_voucher_template (region_code, set_id);

-- Opening balances of a set's first year, per leaf account and, where the account requires
-- auxiliary dimensions, per combination of them (dim_key joins the values, '' when none). They
-- take effect as month 0 of ledger_month_total in the same transaction, only while the set's first
-- year has no posted voucher, and only balanced per basis.
CREATE TABLE ledger_opening_balance (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  account_code text NOT NULL,
  dim_key text NOT NULL DEFAULT '',
  functional_code text,
  economic_code text,
  project text,
  payee text,
  department text,
  debit_fen bigint NOT NULL DEFAULT 0,
  credit_fen bigint NOT NULL DEFAULT 0,
  entered_by uuid,
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, set_id, account_code, dim_key),
  CHECK (debit_fen >= 0 AND credit_fen >= 0 AND (debit_fen = 0 OR credit_fen = 0)),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);
