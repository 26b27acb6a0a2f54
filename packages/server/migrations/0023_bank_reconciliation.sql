-- Bank reconciliation (银行对账, issue 11): the bank's statement lines per account set and bank
-- account (1002 or one of its 明细), each month's statement closing balance (from the file's last
-- 余额 of the month, or entered), and the pairs of statement lines and posted 1002 voucher lines
-- (made by the automatic matching or by an accountant). A line's pair is one-to-one on both sides.
CREATE TABLE ledger_bank_statement_line (
  region_code text NOT NULL,
  id uuid NOT NULL,
  set_id uuid NOT NULL,
  account_code text NOT NULL,
  line_date date NOT NULL,
  summary text NOT NULL DEFAULT '',
  in_fen bigint NOT NULL DEFAULT 0 CHECK (in_fen >= 0),
  out_fen bigint NOT NULL DEFAULT 0 CHECK (out_fen >= 0),
  balance_fen bigint,
  reference text NOT NULL DEFAULT '',
  import_id uuid NOT NULL,
  seq integer NOT NULL,
  imported_by uuid,
  imported_by_name text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id),
  CHECK ((in_fen > 0) <> (out_fen > 0))
);
CREATE INDEX ledger_bank_statement_line_account ON ledger_bank_statement_line (region_code, set_id, account_code, line_date);

CREATE TABLE ledger_bank_balance (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  account_code text NOT NULL,
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  balance_fen bigint NOT NULL,
  source text NOT NULL CHECK (source IN ('file', 'entered')),
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, set_id, account_code, year, month),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);

CREATE TABLE ledger_bank_match (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  statement_line_id uuid NOT NULL,
  voucher_id uuid NOT NULL,
  line_no integer NOT NULL,
  manual boolean NOT NULL DEFAULT false,
  matched_by_name text NOT NULL,
  matched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, statement_line_id),
  UNIQUE (region_code, voucher_id, line_no),
  FOREIGN KEY (region_code, statement_line_id) REFERENCES ledger_bank_statement_line (region_code, id) ON DELETE CASCADE,
  FOREIGN KEY (region_code, voucher_id, line_no) REFERENCES ledger_voucher_line (region_code, voucher_id, line_no)
);
