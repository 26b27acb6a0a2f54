-- Government debt (债务台账), the registers (台账: policy documents, tax sources, basic data) and the
-- park credit programme (财园信贷通). Every change is an event: the *_event tables are append-only,
-- schedules and repayments are never edited (a new schedule is a new version), money is bigint fen.

-- ---------------------------------------------------------------- debt

CREATE TABLE debt (
  region_code text NOT NULL,
  id uuid NOT NULL,
  debt_no text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bond', 'loan', 'arrears', 'other')),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  -- Bonds on-lent from above: general or special, new or refinancing, with the on-lending document.
  bond_type text CHECK (bond_type IN ('general', 'special')),
  bond_purpose text CHECK (bond_purpose IN ('new', 'refinancing')),
  creditor_name text NOT NULL CHECK (length(creditor_name) BETWEEN 2 AND 200),
  creditor_credit_code text CHECK (creditor_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 500),
  principal_fen bigint NOT NULL CHECK (principal_fen > 0),
  start_date date NOT NULL,
  maturity_date date NOT NULL,
  annual_rate text NOT NULL CHECK (annual_rate ~ '^(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?$'),
  periods integer NOT NULL CHECK (periods BETWEEN 1 AND 600),
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'semiannual', 'annual')),
  method text NOT NULL CHECK (method IN ('bullet', 'equalPrincipal', 'annuity')),
  is_hidden boolean NOT NULL DEFAULT false,
  -- A hidden debt's resolution plan (化债方案): document, measures and yearly targets (JSON).
  resolution_plan jsonb,
  schedule_version integer NOT NULL DEFAULT 0 CHECK (schedule_version >= 0),
  schedule_source text CHECK (schedule_source IN ('generated', 'imported')),
  status text NOT NULL CHECK (status IN ('active', 'settled')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, debt_no),
  CHECK (maturity_date >= start_date),
  CHECK ((kind = 'bond') = (bond_type IS NOT NULL AND bond_purpose IS NOT NULL)),
  CHECK (NOT (kind = 'bond' AND is_hidden)),
  CHECK (kind <> 'arrears' OR creditor_credit_code IS NOT NULL)
);
CREATE INDEX debt_kind ON debt (region_code, kind, status);

-- The history of a debt: registered, amended, schedule set, plan set, repayment linked … with who and when.
CREATE TABLE debt_event (
  region_code text NOT NULL,
  debt_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  kind text NOT NULL CHECK (length(kind) BETWEEN 2 AND 40),
  before jsonb,
  after jsonb NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (region_code, debt_id, seq),
  FOREIGN KEY (region_code, debt_id) REFERENCES debt (region_code, id)
);
CREATE TRIGGER debt_event_append_only BEFORE UPDATE OR DELETE ON debt_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The repayment schedule, by version: a new schedule is a new version, the old lines stay.
CREATE TABLE debt_schedule_line (
  region_code text NOT NULL,
  debt_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  period integer NOT NULL CHECK (period BETWEEN 1 AND 600),
  due_date date NOT NULL,
  principal_fen bigint NOT NULL CHECK (principal_fen >= 0),
  interest_fen bigint NOT NULL CHECK (interest_fen >= 0),
  PRIMARY KEY (region_code, debt_id, version, period),
  FOREIGN KEY (region_code, debt_id) REFERENCES debt (region_code, id)
);
CREATE INDEX debt_schedule_due ON debt_schedule_line (region_code, due_date);
CREATE TRIGGER debt_schedule_line_append_only BEFORE UPDATE OR DELETE ON debt_schedule_line
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A repayment: a treasury payment linked to a schedule line, split into principal and interest.
-- Whether it counts follows the payment (paid counts; returned or cancelled does not).
CREATE TABLE debt_repayment (
  region_code text NOT NULL,
  id uuid NOT NULL,
  debt_id uuid NOT NULL,
  schedule_version integer NOT NULL,
  period integer NOT NULL,
  principal_fen bigint NOT NULL CHECK (principal_fen >= 0),
  interest_fen bigint NOT NULL CHECK (interest_fen >= 0),
  payment_id uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, payment_id),
  CHECK (principal_fen + interest_fen > 0),
  FOREIGN KEY (region_code, debt_id, schedule_version, period) REFERENCES debt_schedule_line (region_code, debt_id, version, period),
  FOREIGN KEY (region_code, payment_id) REFERENCES payment_request (region_code, id)
);
CREATE INDEX debt_repayment_debt ON debt_repayment (region_code, debt_id);
CREATE TRIGGER debt_repayment_append_only BEFORE UPDATE OR DELETE ON debt_repayment
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Comprehensive financial capacity (综合财力) of a year where it is entered (no budget figures), by
-- version: the latest applies, earlier ones stay.
CREATE TABLE debt_capacity (
  region_code text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version integer NOT NULL CHECK (version >= 1),
  general_revenue_fen bigint NOT NULL CHECK (general_revenue_fen >= 0),
  transfer_revenue_fen bigint NOT NULL CHECK (transfer_revenue_fen >= 0),
  fund_revenue_fen bigint NOT NULL CHECK (fund_revenue_fen >= 0),
  state_capital_revenue_fen bigint NOT NULL CHECK (state_capital_revenue_fen >= 0),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  entered_by uuid NOT NULL,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, year, version)
);
CREATE TRIGGER debt_capacity_append_only BEFORE UPDATE OR DELETE ON debt_capacity
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- ---------------------------------------------------------------- registers (台账)

CREATE TABLE policy_document (
  region_code text NOT NULL,
  id uuid NOT NULL,
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 2 AND 100),
  level text NOT NULL CHECK (level IN ('central', 'province', 'city', 'district')),
  issued_date date NOT NULL,
  subject text NOT NULL DEFAULT '' CHECK (length(subject) <= 2000),
  scope text NOT NULL DEFAULT '' CHECK (length(scope) <= 500),
  effective_date date NOT NULL,
  expiry_date date,
  attachment_id uuid,
  subsidy_item_codes jsonb NOT NULL DEFAULT '[]',
  functional_codes jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('active', 'repealed')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, document_no),
  CHECK (expiry_date IS NULL OR expiry_date >= effective_date)
);
CREATE INDEX policy_document_expiry ON policy_document (region_code, expiry_date);

CREATE TABLE tax_source (
  region_code text NOT NULL,
  id uuid NOT NULL,
  credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  kind text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
  industry text NOT NULL CHECK (length(industry) BETWEEN 1 AND 100),
  village_code text CHECK (village_code ~ '^[0-9]{12}$'),
  tax_kinds jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, credit_code)
);

-- Tax paid by a source in a month, by tax kind (from the tax office's export); a re-import of the same
-- month and kind replaces the figure, and the register's history keeps the one before.
CREATE TABLE tax_payment (
  region_code text NOT NULL,
  tax_source_id uuid NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  tax_kind text NOT NULL CHECK (length(tax_kind) BETWEEN 1 AND 40),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  imported_by uuid NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, tax_source_id, month, tax_kind),
  FOREIGN KEY (region_code, tax_source_id) REFERENCES tax_source (region_code, id)
);
CREATE INDEX tax_payment_month ON tax_payment (region_code, month);

-- Basic data per village and year (基础数据台账): population, households, registered farmland and forest
-- (亩, 4 decimals), and other bases subsidies are paid on.
CREATE TABLE basic_data (
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  population integer NOT NULL CHECK (population >= 0),
  households integer NOT NULL CHECK (households >= 0),
  farmland_mu numeric NOT NULL CHECK (farmland_mu >= 0 AND farmland_mu < 1e12 AND farmland_mu = round(farmland_mu, 4)),
  forest_mu numeric NOT NULL CHECK (forest_mu >= 0 AND forest_mu < 1e12 AND forest_mu = round(forest_mu, 4)),
  other_bases jsonb NOT NULL DEFAULT '{}',
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, year)
);

-- Every change to a register's record, with the record before and after: nothing is lost.
CREATE TABLE register_event (
  region_code text NOT NULL,
  id uuid NOT NULL,
  register text NOT NULL CHECK (register IN ('policyDocument', 'taxSource', 'taxPayment', 'basicData')),
  record_key text NOT NULL CHECK (length(record_key) BETWEEN 1 AND 200),
  action text NOT NULL CHECK (length(action) BETWEEN 2 AND 40),
  before jsonb,
  after jsonb,
  actor_id uuid NOT NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE INDEX register_event_record ON register_event (region_code, register, record_key, at);
CREATE TRIGGER register_event_append_only BEFORE UPDATE OR DELETE ON register_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- ---------------------------------------------------------------- park credit programme (财园信贷通)

-- Cooperating banks, at district level (region_code is the district's).
CREATE TABLE park_credit_bank (
  region_code text NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  agreement_no text NOT NULL CHECK (length(agreement_no) BETWEEN 1 AND 100),
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, name)
);

-- The risk compensation fund with each bank: deposits, compensations paid, recoveries returned, withdrawals.
CREATE TABLE park_credit_fund_movement (
  region_code text NOT NULL,
  id uuid NOT NULL,
  bank_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('deposit', 'compensation', 'recovery', 'withdrawal')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  movement_date date NOT NULL,
  loan_id uuid,
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, bank_id) REFERENCES park_credit_bank (region_code, id),
  CHECK ((kind IN ('compensation', 'recovery')) = (loan_id IS NOT NULL))
);
CREATE INDEX park_credit_fund_bank ON park_credit_fund_movement (region_code, bank_id);
CREATE TRIGGER park_credit_fund_append_only BEFORE UPDATE OR DELETE ON park_credit_fund_movement
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE park_credit_loan (
  region_code text NOT NULL,
  id uuid NOT NULL,
  loan_no text NOT NULL CHECK (length(loan_no) BETWEEN 1 AND 100),
  bank_id uuid NOT NULL,
  enterprise_name text NOT NULL CHECK (length(enterprise_name) BETWEEN 2 AND 200),
  credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  start_date date NOT NULL,
  term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
  due_date date NOT NULL,
  annual_rate text NOT NULL CHECK (annual_rate ~ '^(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?$'),
  status text NOT NULL CHECK (status IN ('performing', 'repaid', 'overdue', 'defaulted', 'compensated')),
  repaid_fen bigint NOT NULL DEFAULT 0 CHECK (repaid_fen >= 0),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, loan_no),
  FOREIGN KEY (region_code, bank_id) REFERENCES park_credit_bank (region_code, id),
  CHECK (repaid_fen <= amount_fen)
);
CREATE INDEX park_credit_loan_bank ON park_credit_loan (region_code, bank_id, status);

CREATE TABLE park_credit_loan_event (
  region_code text NOT NULL,
  loan_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  kind text NOT NULL CHECK (kind IN ('granted', 'repaid', 'overdue', 'defaulted', 'compensated', 'recovered')),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  event_date date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  actor_id uuid NOT NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (region_code, loan_id, seq),
  FOREIGN KEY (region_code, loan_id) REFERENCES park_credit_loan (region_code, id)
);
CREATE TRIGGER park_credit_loan_event_append_only BEFORE UPDATE OR DELETE ON park_credit_loan_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
