-- The township's fiscal general accounting (财政总会计, 财库〔2022〕41号): a second kind of account set,
-- the revenue classification (政府收支分类科目 收入分类), the revenue side of the budget, the treasury's
-- daily revenue reports and remittances to the level above (上解).

-- A set's kind decides its chart, its statements and its closing rules: 'unit' keeps a budget unit's
-- books under 政府会计制度, 'fiscal' the township's own treasury books under 财政总会计制度. A township
-- keeps at most one fiscal set, and a fiscal set belongs to no budget unit.
ALTER TABLE ledger_account_set ADD COLUMN kind text NOT NULL DEFAULT 'unit' CHECK (kind IN ('unit', 'fiscal'));
ALTER TABLE ledger_account_set ADD CONSTRAINT ledger_account_set_fiscal_has_no_unit CHECK (kind = 'unit' OR budget_unit_id IS NULL);
CREATE UNIQUE INDEX ledger_account_set_one_fiscal ON ledger_account_set (region_code) WHERE kind = 'fiscal';

-- The revenue class (收入分类) as an auxiliary dimension of voucher lines and opening balances.
ALTER TABLE ledger_voucher_line ADD COLUMN revenue_code text;
ALTER TABLE ledger_opening_balance ADD COLUMN revenue_code text;

-- Two consumers (the unit ledger and the fiscal ledger) may each skip the same event.
ALTER TABLE ledger_skipped_event ADD COLUMN consumer text NOT NULL DEFAULT 'ledger';
ALTER TABLE ledger_skipped_event DROP CONSTRAINT ledger_skipped_event_pkey;
ALTER TABLE ledger_skipped_event ADD PRIMARY KEY (region_code, consumer, event_id);

-- The revenue classification: 类 (3 digits) / 款 (5) / 项 (7) / 目 (9).
ALTER TABLE classification_item DROP CONSTRAINT classification_item_kind_check;
ALTER TABLE classification_item ADD CONSTRAINT classification_item_kind_check CHECK (kind IN ('functional', 'economic', 'revenue'));
ALTER TABLE classification_item DROP CONSTRAINT classification_item_code_check;
ALTER TABLE classification_item ADD CONSTRAINT classification_item_code_check CHECK (code ~ '^[0-9]{3}([0-9]{2}){0,3}$');
ALTER TABLE classification_item DROP CONSTRAINT classification_item_check;
ALTER TABLE classification_item ADD CONSTRAINT classification_item_code_length CHECK (
  (kind = 'economic' AND length(code) <= 5) OR (kind = 'functional' AND length(code) <= 7) OR kind = 'revenue'
);

-- The revenue side of a year's budget draft: own revenue by class (tax, non-tax), transfer revenue
-- from above, funds brought in (调入) and carried over, and on the other side remittances up (上解)
-- and funds taken out (调出). The draft is balanced when revenue equals expenditure plus those.
CREATE TABLE budget_revenue_line (
  region_code text NOT NULL,
  id uuid NOT NULL,
  round_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('tax', 'nonTax', 'transfer', 'transferIn', 'carryOver', 'remittance', 'transferOut')),
  fund text NOT NULL CHECK (fund IN ('generalBudget', 'governmentFund')),
  revenue_code text,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  note text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, round_id) REFERENCES budget_round (region_code, id),
  CHECK (kind NOT IN ('tax', 'nonTax') OR revenue_code IS NOT NULL)
);
CREATE INDEX budget_revenue_line_round ON budget_revenue_line (region_code, round_id);

-- A remittance to the level above (上解), by document; append-only: a correction is a new record.
CREATE TABLE budget_remittance (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('system', 'special')),
  fund text NOT NULL CHECK (fund IN ('generalBudget', 'governmentFund')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  remitted_on date NOT NULL,
  note text,
  recorded_by uuid NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, document_no)
);
CREATE TRIGGER budget_remittance_append_only BEFORE UPDATE OR DELETE ON budget_remittance
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The treasury's daily revenue report (国库收入日报), entered or imported: one row per revenue class;
-- a negative amount is money paid back out of the treasury (退库). Append-only.
CREATE TABLE treasury_revenue_report (
  region_code text NOT NULL,
  id uuid NOT NULL,
  report_date date NOT NULL,
  source text NOT NULL CHECK (source IN ('entered', 'imported')),
  file_name text,
  line_count integer NOT NULL CHECK (line_count > 0),
  total_fen bigint NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE INDEX treasury_revenue_report_date ON treasury_revenue_report (region_code, report_date);
CREATE TRIGGER treasury_revenue_report_append_only BEFORE UPDATE OR DELETE ON treasury_revenue_report
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE treasury_revenue_line (
  region_code text NOT NULL,
  report_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  revenue_code text NOT NULL CHECK (revenue_code ~ '^[0-9]{3}([0-9]{2}){0,3}$'),
  revenue_name text NOT NULL,
  fund text NOT NULL CHECK (fund IN ('generalBudget', 'governmentFund', 'stateCapital')),
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
  PRIMARY KEY (region_code, report_id, line_no),
  FOREIGN KEY (region_code, report_id) REFERENCES treasury_revenue_report (region_code, id)
);
CREATE TRIGGER treasury_revenue_line_append_only BEFORE UPDATE OR DELETE ON treasury_revenue_line
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
