-- Classification catalogues, budget preparation, indicators (预算指标) with two-phase money, and
-- treasury centralised payment (国库集中支付). Money is bigint fen; the database itself refuses an
-- indicator whose reserved + paid + available differs from issued, or any of them negative.

-- Functional (类/款/项: 3/5/7 digits) and department economic (类/款: 3/5 digits) classification,
-- one version per fiscal year, kept by the district bureau: region_code is the district's code
-- (6 digits + 000), and every township of the district reads it.
CREATE TABLE classification_item (
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}000$'),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('functional', 'economic')),
  code text NOT NULL CHECK (code ~ '^[0-9]{3}([0-9]{2}){0,2}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, fiscal_year, kind, code),
  CHECK (kind = 'functional' OR length(code) <= 5),
  CHECK ((length(code) = 3) = (parent_code IS NULL))
);

-- A fiscal year of a township: open for payments, or closed (year end done).
CREATE TABLE fiscal_year_status (
  region_code text NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  closed_by uuid,
  closed_at timestamptz,
  PRIMARY KEY (region_code, fiscal_year)
);

-- Resolutions of the township people's congress: approval of the budget, or of an adjustment.
CREATE TABLE congress_resolution (
  region_code text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('budgetApproval', 'budgetAdjustment')),
  fiscal_year integer NOT NULL,
  session text NOT NULL CHECK (length(session) BETWEEN 1 AND 100),
  resolution_no text NOT NULL CHECK (length(resolution_no) BETWEEN 1 AND 100),
  resolved_on date NOT NULL,
  approved_total_fen bigint CHECK (approved_total_fen >= 0),
  adjustment_kind text CHECK (adjustment_kind IN ('totalChange', 'stabilisationFund', 'priorityCut', 'borrowing')),
  note text,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, resolution_no)
);
CREATE TRIGGER congress_resolution_append_only BEFORE UPDATE OR DELETE ON congress_resolution
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Budget preparation (预算编制): a round per township and year, and the units' request lines.
CREATE TABLE budget_round (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  status text NOT NULL CHECK (status IN ('preparing', 'approved')),
  resolution_id uuid,
  indicators_issued_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, fiscal_year),
  CHECK ((status = 'approved') = (resolution_id IS NOT NULL))
);

CREATE TABLE budget_line (
  region_code text NOT NULL,
  id uuid NOT NULL,
  round_id uuid NOT NULL,
  budget_unit_id uuid NOT NULL,
  expenditure_kind text NOT NULL CHECK (expenditure_kind IN ('basic', 'project')),
  project_name text,
  functional_code text NOT NULL CHECK (functional_code ~ '^[0-9]{7}$'),
  economic_code text NOT NULL CHECK (economic_code ~ '^[0-9]{5}$'),
  fund_nature text NOT NULL,
  payment_method text NOT NULL CHECK (payment_method IN ('direct', 'authorised')),
  requested_fen bigint NOT NULL CHECK (requested_fen > 0),
  approved_fen bigint CHECK (approved_fen >= 0),
  review_status text NOT NULL CHECK (review_status IN ('pending', 'accepted', 'cut', 'returned')),
  review_note text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, round_id) REFERENCES budget_round (region_code, id),
  FOREIGN KEY (region_code, budget_unit_id) REFERENCES budget_unit (region_code, id),
  CHECK (expenditure_kind = 'basic' OR project_name IS NOT NULL),
  CHECK (approved_fen IS NULL OR approved_fen <= requested_fen)
);
CREATE INDEX budget_line_round ON budget_line (region_code, round_id);

-- An indicator's balance. Changes are recorded as events in indicator_event; this row is the
-- running total those events add up to, kept in the same transaction.
CREATE TABLE budget_indicator (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  origin_year integer NOT NULL,
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  source text NOT NULL CHECK (source IN ('approvedBudget', 'upperTransfer', 'carryOver')),
  budget_unit_id uuid NOT NULL,
  functional_code text NOT NULL CHECK (functional_code ~ '^[0-9]{3}([0-9]{2}){0,2}$'),
  economic_code text NOT NULL CHECK (economic_code ~ '^[0-9]{3}([0-9]{2})?$'),
  fund_nature text NOT NULL CHECK (fund_nature IN ('generalBudget', 'governmentFund', 'upperTransfer', 'stateCapital', 'other')),
  payment_method text NOT NULL CHECK (payment_method IN ('direct', 'authorised')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 200),
  issued_fen bigint NOT NULL,
  reserved_fen bigint NOT NULL,
  paid_fen bigint NOT NULL,
  available_fen bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'closed', 'balance')),
  carried_from_id uuid,
  budget_line_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, budget_unit_id) REFERENCES budget_unit (region_code, id),
  CONSTRAINT budget_indicator_not_negative CHECK (issued_fen >= 0 AND reserved_fen >= 0 AND paid_fen >= 0 AND available_fen >= 0),
  CONSTRAINT budget_indicator_balanced CHECK (reserved_fen + paid_fen + available_fen = issued_fen),
  CHECK (origin_year <= fiscal_year)
);
CREATE INDEX budget_indicator_year ON budget_indicator (region_code, fiscal_year, budget_unit_id);

CREATE TABLE indicator_event (
  region_code text NOT NULL,
  indicator_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('issued', 'adjusted', 'transferredIn', 'transferredOut', 'carriedOut', 'carriedIn', 'becameBalance', 'reserved', 'settled', 'released', 'closed')),
  amount_fen bigint NOT NULL,
  issued_after_fen bigint NOT NULL,
  reserved_after_fen bigint NOT NULL,
  paid_after_fen bigint NOT NULL,
  available_after_fen bigint NOT NULL,
  document text,
  note text,
  ref_type text,
  ref_id text,
  actor_id uuid,
  actor_name text NOT NULL,
  PRIMARY KEY (region_code, indicator_id, seq),
  FOREIGN KEY (region_code, indicator_id) REFERENCES budget_indicator (region_code, id)
);
CREATE INDEX indicator_event_kind_at ON indicator_event (region_code, kind, at);
CREATE TRIGGER indicator_event_append_only BEFORE UPDATE OR DELETE ON indicator_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Money reserved on an indicator by a payment request or a subsidy batch, then settled or released.
CREATE TABLE indicator_reservation (
  region_code text NOT NULL,
  id uuid NOT NULL,
  indicator_id uuid NOT NULL,
  source_type text NOT NULL CHECK (source_type ~ '^[a-zA-Z][a-zA-Z0-9.]{1,60}$'),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  settled_fen bigint NOT NULL CHECK (settled_fen >= 0),
  released_fen bigint NOT NULL CHECK (released_fen >= 0),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, indicator_id) REFERENCES budget_indicator (region_code, id),
  CONSTRAINT indicator_reservation_within CHECK (settled_fen + released_fen <= amount_fen)
);
CREATE INDEX indicator_reservation_indicator ON indicator_reservation (region_code, indicator_id);

-- A transfer between indicators (调剂), approved by the township director through the flow engine.
CREATE TABLE budget_transfer (
  region_code text NOT NULL,
  id uuid NOT NULL,
  from_indicator_id uuid NOT NULL,
  to_indicator_id uuid NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  reservation_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  PRIMARY KEY (region_code, id),
  CHECK (from_indicator_id <> to_indicator_id)
);

-- Authorised payment quota (授权支付额度) of a budget unit for one month.
CREATE TABLE payment_quota (
  region_code text NOT NULL,
  budget_unit_id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  quota_fen bigint NOT NULL CHECK (quota_fen >= 0),
  used_fen bigint NOT NULL CHECK (used_fen >= 0),
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, budget_unit_id, fiscal_year, month),
  CONSTRAINT payment_quota_within CHECK (used_fen <= quota_fen)
);

-- A payment request and, once approved, its payment order (支付凭证). Final rows never change.
CREATE TABLE payment_request (
  region_code text NOT NULL,
  id uuid NOT NULL,
  payment_no text NOT NULL,
  fiscal_year integer NOT NULL,
  indicator_id uuid NOT NULL,
  budget_unit_id uuid NOT NULL,
  payee_kind text NOT NULL CHECK (payee_kind IN ('organisation', 'person')),
  payee_name text NOT NULL CHECK (length(payee_name) BETWEEN 2 AND 100),
  payee_credit_code text,
  payee_id_sealed text,
  payee_id_masked text,
  payee_account text,
  payee_account_sealed text,
  payee_account_masked text NOT NULL,
  payee_bank text NOT NULL CHECK (length(payee_bank) BETWEEN 2 AND 100),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 200),
  method text NOT NULL CHECK (method IN ('direct', 'authorised')),
  attachments jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('unitReview', 'financeReview', 'approved', 'sent', 'paid', 'returned', 'cancelled')),
  quota_month integer,
  reservation_id uuid NOT NULL,
  flow_instance_id uuid,
  order_no text,
  ordered_at timestamptz,
  bank_batch_id uuid,
  paid_at timestamptz,
  returned_at timestamptz,
  return_reason text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, payment_no),
  FOREIGN KEY (region_code, indicator_id) REFERENCES budget_indicator (region_code, id),
  CHECK ((payee_kind = 'organisation') = (payee_credit_code IS NOT NULL AND payee_account IS NOT NULL)),
  CHECK ((payee_kind = 'person') = (payee_id_sealed IS NOT NULL AND payee_account_sealed IS NOT NULL))
);
CREATE INDEX payment_request_status ON payment_request (region_code, status, created_at);
CREATE INDEX payment_request_indicator ON payment_request (region_code, indicator_id);

CREATE FUNCTION refuse_final_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status IN ('paid', 'returned', 'cancelled') THEN
    RAISE EXCEPTION '% of payment % in status % is not allowed: it is final', TG_OP, OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER payment_request_final BEFORE UPDATE OR DELETE ON payment_request
  FOR EACH ROW EXECUTE FUNCTION refuse_final_payment_change();

-- A file sent to the agency bank, and a result file imported from it (each file once, by hash).
CREATE TABLE bank_batch (
  region_code text NOT NULL,
  id uuid NOT NULL,
  batch_no text NOT NULL,
  payment_count integer NOT NULL CHECK (payment_count > 0),
  total_fen bigint NOT NULL CHECK (total_fen > 0),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, batch_no)
);
CREATE TRIGGER bank_batch_append_only BEFORE UPDATE OR DELETE ON bank_batch
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE bank_result_file (
  region_code text NOT NULL,
  id uuid NOT NULL,
  file_hash text NOT NULL,
  paid_count integer NOT NULL,
  returned_count integer NOT NULL,
  ignored_count integer NOT NULL,
  summary jsonb NOT NULL,
  imported_by uuid NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, file_hash)
);
CREATE TRIGGER bank_result_file_append_only BEFORE UPDATE OR DELETE ON bank_result_file
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
