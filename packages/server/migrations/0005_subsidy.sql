-- Subsidies on one card (惠民惠农补贴“一卡通”): items, the recipient registry, reference lists,
-- rosters and their lines, public-notice objections, disbursement batches, bank results, the
-- paid record (one per roster line, ever), recoveries and the kiosk's policy articles.
-- region_code is the 9-digit township; rows that belong to a village also carry village_code.

CREATE TABLE subsidy_item (
  region_code text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  basis text NOT NULL CHECK (basis IN ('household', 'person')),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 10),
  standard_fen bigint NOT NULL CHECK (standard_fen > 0),
  period_kind text NOT NULL CHECK (period_kind IN ('year', 'month')),
  fund_source text NOT NULL,
  functional_code text NOT NULL DEFAULT '',
  economic_code text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, code)
);

CREATE TABLE subsidy_recipient (
  region_code text NOT NULL,
  id uuid NOT NULL,
  village_code text NOT NULL CHECK (village_code ~ '^[0-9]{12}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  resident_id_sealed text NOT NULL,
  resident_id_index text NOT NULL,
  resident_id_masked text NOT NULL,
  card_sealed text,
  card_index text,
  card_masked text NOT NULL DEFAULT '',
  account_type text NOT NULL DEFAULT 'card' CHECK (account_type IN ('card', 'passbook')),
  bank_name text NOT NULL DEFAULT '',
  household_no text NOT NULL DEFAULT '',
  head_of_household boolean NOT NULL DEFAULT false,
  alive boolean NOT NULL DEFAULT true,
  official boolean NOT NULL DEFAULT false,
  cadre boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, resident_id_index)
);
CREATE INDEX subsidy_recipient_card ON subsidy_recipient (region_code, card_index);
CREATE INDEX subsidy_recipient_village ON subsidy_recipient (region_code, village_code, name);

-- Deceased persons, public officials and village cadres, as imported (by ID number).
CREATE TABLE subsidy_reference_entry (
  region_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('deceased', 'official', 'cadre')),
  resident_id_index text NOT NULL,
  name text NOT NULL DEFAULT '',
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, kind, resident_id_index)
);

CREATE TABLE subsidy_roster (
  region_code text NOT NULL,
  id uuid NOT NULL,
  village_code text CHECK (village_code ~ '^[0-9]{12}$'),
  item_code text NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  status text NOT NULL CHECK (status IN ('draft', 'villageReview', 'townshipReview', 'notice', 'districtReview', 'payment', 'closed', 'rejected')),
  source_name text NOT NULL DEFAULT '',
  line_count integer NOT NULL DEFAULT 0,
  total_fen bigint NOT NULL DEFAULT 0,
  error_count integer NOT NULL DEFAULT 0,
  warning_count integer NOT NULL DEFAULT 0,
  notice_starts_on date,
  notice_ends_on date,
  indicator_id text,
  reservation_id text,
  flow_instance_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
CREATE INDEX subsidy_roster_item_period ON subsidy_roster (region_code, item_code, period);

CREATE TABLE subsidy_roster_line (
  region_code text NOT NULL,
  roster_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 1),
  village_code text,
  village_name text NOT NULL DEFAULT '',
  name text NOT NULL DEFAULT '',
  resident_id_sealed text NOT NULL,
  resident_id_index text NOT NULL,
  resident_id_masked text NOT NULL,
  card_sealed text,
  card_index text,
  card_masked text NOT NULL DEFAULT '',
  bank_name text NOT NULL DEFAULT '',
  quantity text NOT NULL DEFAULT '',
  standard_fen bigint,
  amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  remark text NOT NULL DEFAULT '',
  findings jsonb NOT NULL DEFAULT '[]',
  review_note text,
  withdrawn boolean NOT NULL DEFAULT false,
  PRIMARY KEY (region_code, roster_id, line_no)
);
-- The public query finds a person by blind index in any township.
CREATE INDEX subsidy_roster_line_person ON subsidy_roster_line (resident_id_index);

CREATE TABLE subsidy_objection (
  region_code text NOT NULL,
  id uuid NOT NULL,
  roster_id uuid NOT NULL,
  line_no integer NOT NULL,
  raised_by text NOT NULL CHECK (length(raised_by) BETWEEN 1 AND 50),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  raised_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL,
  outcome text CHECK (outcome IN ('upheld', 'dismissed')),
  outcome_note text,
  resolved_by uuid,
  resolved_at timestamptz,
  PRIMARY KEY (region_code, id)
);
CREATE INDEX subsidy_objection_line ON subsidy_objection (region_code, roster_id, line_no);

CREATE TABLE subsidy_batch (
  region_code text NOT NULL,
  id uuid NOT NULL,
  roster_id uuid NOT NULL,
  batch_no text NOT NULL,
  bank_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('first', 'repayment')),
  line_count integer NOT NULL CHECK (line_count > 0),
  total_fen bigint NOT NULL CHECK (total_fen > 0),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, batch_no)
);
CREATE TRIGGER subsidy_batch_append_only BEFORE UPDATE OR DELETE ON subsidy_batch
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One attempt to pay one roster line, with its own reference number. Append-only.
CREATE TABLE subsidy_disbursement (
  region_code text NOT NULL,
  reference_no text NOT NULL,
  batch_id uuid NOT NULL,
  roster_id uuid NOT NULL,
  line_no integer NOT NULL,
  name text NOT NULL,
  card_sealed text NOT NULL,
  card_masked text NOT NULL,
  bank_name text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, reference_no)
);
CREATE INDEX subsidy_disbursement_line ON subsidy_disbursement (region_code, roster_id, line_no);
CREATE INDEX subsidy_disbursement_batch ON subsidy_disbursement (region_code, batch_id);
CREATE TRIGGER subsidy_disbursement_append_only BEFORE UPDATE OR DELETE ON subsidy_disbursement
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The bank's answer for one reference number: at most one, ever. Append-only.
CREATE TABLE subsidy_bank_result (
  region_code text NOT NULL,
  reference_no text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('paid', 'failed')),
  reason text NOT NULL DEFAULT '',
  paid_on date,
  imported_by uuid NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, reference_no)
);
CREATE TRIGGER subsidy_bank_result_append_only BEFORE UPDATE OR DELETE ON subsidy_bank_result
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A roster line paid: the primary key is the database's guarantee that no line is paid twice.
CREATE TABLE subsidy_line_payment (
  region_code text NOT NULL,
  roster_id uuid NOT NULL,
  line_no integer NOT NULL,
  reference_no text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  paid_on date NOT NULL,
  PRIMARY KEY (region_code, roster_id, line_no),
  UNIQUE (region_code, reference_no)
);
CREATE TRIGGER subsidy_line_payment_append_only BEFORE UPDATE OR DELETE ON subsidy_line_payment
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Wrong payments to be recovered (追回).
CREATE TABLE subsidy_recovery (
  region_code text NOT NULL,
  id uuid NOT NULL,
  roster_id uuid NOT NULL,
  line_no integer NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE TRIGGER subsidy_recovery_append_only BEFORE UPDATE OR DELETE ON subsidy_recovery
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Subsidy policy articles for the service-hall touch screen, maintained by the office.
CREATE TABLE subsidy_article (
  region_code text NOT NULL,
  id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  published boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
