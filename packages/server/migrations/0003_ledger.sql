-- Government accounting ledger (政府会计制度): account sets, charts, periods, vouchers with
-- dual-basis lines, monthly account totals. Posted vouchers and their lines are refused any change.

-- One accounting unit's books in one region. Set codes are the command line's handle on a set and
-- are unique in the whole database (a unique index, on top of the region-keyed constraint).
CREATE TABLE ledger_account_set (
  region_code text NOT NULL,
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name text NOT NULL,
  budget_unit_id uuid,
  start_year integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, code)
);
CREATE UNIQUE INDEX ledger_account_set_code ON ledger_account_set (code);

CREATE TABLE ledger_account (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[0-9]{4}([0-9]{2}){0,4}$'),
  name text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('financial', 'budget')),
  category text NOT NULL,
  normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  parent_code text,
  is_leaf boolean NOT NULL DEFAULT true,
  required_aux jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (region_code, set_id, code),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);

-- One row per month of a fiscal year: open or closed, and the voucher number counter, locked
-- FOR UPDATE by the posting transaction so numbers have no gap and no duplicate.
CREATE TABLE ledger_period (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  next_number integer NOT NULL DEFAULT 1,
  closed_by uuid,
  closed_at timestamptz,
  PRIMARY KEY (region_code, set_id, year, month),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);

CREATE TABLE ledger_voucher (
  region_code text NOT NULL,
  id uuid NOT NULL,
  set_id uuid NOT NULL,
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  voucher_date date NOT NULL,
  summary text NOT NULL,
  attachments integer NOT NULL DEFAULT 0 CHECK (attachments >= 0),
  kind text NOT NULL CHECK (kind IN ('normal', 'reversal', 'supplementary', 'closing')),
  original_id uuid,
  source text,
  status text NOT NULL CHECK (status IN ('entered', 'reviewed', 'posted')),
  number integer,
  parallel_confirmed boolean NOT NULL DEFAULT false,
  entered_by uuid,
  entered_by_name text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by uuid,
  reviewed_by_name text,
  reviewed_at timestamptz,
  posted_by uuid,
  posted_by_name text,
  posted_at timestamptz,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, set_id, year, month, number),
  UNIQUE (region_code, source),
  CHECK ((status = 'posted') = (number IS NOT NULL)),
  FOREIGN KEY (region_code, set_id) REFERENCES ledger_account_set (region_code, id)
);
CREATE INDEX ledger_voucher_set_period ON ledger_voucher (region_code, set_id, year, month, status);

-- Amounts are fen; a line has exactly one of debit and credit non-zero. Reversing (红字) vouchers
-- carry negative amounts on the same side as the original, as red ink does on paper.
CREATE TABLE ledger_voucher_line (
  region_code text NOT NULL,
  voucher_id uuid NOT NULL,
  line_no integer NOT NULL,
  set_id uuid NOT NULL,
  account_code text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('financial', 'budget')),
  summary text,
  debit_fen bigint NOT NULL DEFAULT 0,
  credit_fen bigint NOT NULL DEFAULT 0,
  functional_code text,
  economic_code text,
  project text,
  payee text,
  department text,
  PRIMARY KEY (region_code, voucher_id, line_no),
  CHECK ((debit_fen = 0) <> (credit_fen = 0)),
  FOREIGN KEY (region_code, voucher_id) REFERENCES ledger_voucher (region_code, id)
);
CREATE INDEX ledger_voucher_line_account ON ledger_voucher_line (region_code, set_id, account_code);

-- Posted movements per account and month (month 0 holds the year's opening balances), kept in the
-- posting transaction so trial balances read a few rows per account instead of every line.
CREATE TABLE ledger_month_total (
  region_code text NOT NULL,
  set_id uuid NOT NULL,
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 0 AND 12),
  account_code text NOT NULL,
  debit_fen bigint NOT NULL DEFAULT 0,
  credit_fen bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, set_id, year, month, account_code)
);

-- Outbox events the ledger could not post (no account set for the paying unit, closed month…):
-- recorded, never lost, for an accountant to enter by hand.
CREATE TABLE ledger_skipped_event (
  region_code text NOT NULL,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  reason text NOT NULL,
  payload jsonb NOT NULL,
  skipped_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, event_id)
);

CREATE FUNCTION ledger_refuse_posted_voucher_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'posted' THEN
    RAISE EXCEPTION '% on posted voucher % is not allowed: correct it by a reversing or supplementary voucher', TG_OP, OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_voucher_posted_immutable BEFORE UPDATE OR DELETE ON ledger_voucher
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_posted_voucher_change();

CREATE FUNCTION ledger_refuse_posted_line_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_voucher v WHERE v.region_code = OLD.region_code AND v.id = OLD.voucher_id AND v.status = 'posted') THEN
    RAISE EXCEPTION '% on a line of posted voucher % is not allowed', TG_OP, OLD.voucher_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_voucher_line_posted_immutable BEFORE UPDATE OR DELETE ON ledger_voucher_line
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_posted_line_change();
