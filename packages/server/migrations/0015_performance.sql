-- Budget performance management (预算绩效管理, DOMAIN.md §10, issue 14): target trees with every
-- budget (绩效目标表), monitoring in the year (运行监控), the congress reviewer's questions, evaluation
-- after the year (绩效评价, projects, units as a whole and major policies), and the director's
-- exceptions when applying results to next year's budget. Numbers of indicators are exact decimal
-- strings (the scoring rules read them into fractions); money is bigint fen.

-- A target tree for one subject and fiscal year: a library project, a budget unit as a whole
-- (部门整体绩效目标) or a major policy (a subsidy item or a programme, by its code or name). The unit
-- enters it with its budget request, the finance office accepts it or returns it with comments; a
-- project line is approved only against accepted targets.
CREATE TABLE performance_target_sheet (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  subject_kind text NOT NULL CHECK (subject_kind IN ('project', 'unit', 'policy')),
  subject_ref text NOT NULL CHECK (length(subject_ref) BETWEEN 1 AND 100),
  subject_name text NOT NULL CHECK (length(subject_name) BETWEEN 1 AND 200),
  budget_unit_id uuid,
  overall_goal text NOT NULL CHECK (length(overall_goal) BETWEEN 1 AND 2000),
  -- The weights in force when the tree was last submitted: execution, output, effect, satisfaction.
  weights jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  submission integer NOT NULL DEFAULT 0 CHECK (submission >= 0),
  review_note text,
  flow_instance_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  accepted_at timestamptz,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, fiscal_year, subject_kind, subject_ref),
  FOREIGN KEY (region_code, budget_unit_id) REFERENCES budget_unit (region_code, id),
  CHECK ((subject_kind = 'policy') OR budget_unit_id IS NOT NULL),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
);
CREATE INDEX performance_target_sheet_unit ON performance_target_sheet (region_code, budget_unit_id, fiscal_year);

-- The level-3 indicators of a tree, in order. Level 1 and 2 are the framework's classes; `source`
-- names a figure a policy evaluation takes from the subsidy module instead of having it entered.
CREATE TABLE performance_target_indicator (
  region_code text NOT NULL,
  sheet_id uuid NOT NULL,
  indicator_no integer NOT NULL CHECK (indicator_no BETWEEN 1 AND 60),
  level1 text NOT NULL CHECK (level1 IN ('output', 'effect', 'satisfaction')),
  level2 text NOT NULL CHECK (level2 IN ('quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainable', 'serviceRecipient')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
  direction text NOT NULL CHECK (direction IN ('>=', '<=', '=')),
  target text NOT NULL CHECK (target ~ '^(0|[1-9][0-9]*)(\.[0-9]+)?$' AND length(target) <= 25),
  weight text NOT NULL CHECK (weight ~ '^(0|[1-9][0-9]*)(\.[0-9]+)?$' AND length(weight) <= 25),
  accumulates boolean NOT NULL,
  source text CHECK (source IN ('subsidy.coverage', 'subsidy.recipients', 'subsidy.paidAmount', 'subsidy.paidOnTime')),
  PRIMARY KEY (region_code, sheet_id, indicator_no),
  FOREIGN KEY (region_code, sheet_id) REFERENCES performance_target_sheet (region_code, id)
);

-- One monitoring report of a tree for a month (quarterly reporting uses months 3, 6, 9 and 12): the
-- money's execution (issued and paid from the budget indicators) at the time, and a value per
-- indicator below.
CREATE TABLE performance_monitoring_report (
  region_code text NOT NULL,
  id uuid NOT NULL,
  sheet_id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  issued_fen bigint NOT NULL CHECK (issued_fen >= 0),
  paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
  red_count integer NOT NULL CHECK (red_count >= 0),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  entered_by uuid NOT NULL,
  entered_by_name text NOT NULL,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, sheet_id, month),
  FOREIGN KEY (region_code, sheet_id) REFERENCES performance_target_sheet (region_code, id)
);
CREATE INDEX performance_monitoring_report_year ON performance_monitoring_report (region_code, fiscal_year, month);

-- The actual value of one indicator in a report, the expected value (rounded to 4 decimals for
-- reading; the colour was decided on the exact value) and its colour. A red value carries its reason
-- and the corrective measure.
CREATE TABLE performance_monitoring_value (
  region_code text NOT NULL,
  report_id uuid NOT NULL,
  indicator_no integer NOT NULL,
  actual text NOT NULL CHECK (actual ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?$' AND length(actual) <= 26),
  expected text NOT NULL,
  colour text NOT NULL CHECK (colour IN ('red', 'yellow', 'green', 'blue')),
  reason text CHECK (length(reason) <= 1000),
  measure text CHECK (length(measure) <= 1000),
  PRIMARY KEY (region_code, report_id, indicator_no),
  FOREIGN KEY (region_code, report_id) REFERENCES performance_monitoring_report (region_code, id),
  CHECK (colour <> 'red' OR (length(reason) > 0 AND length(measure) > 0))
);

-- What a red monitoring result triggered (the setting performance.monitoringRedAction): an adjustment
-- proposal for the finance office, or a hold on further payments for the project until lifted.
CREATE TABLE performance_action (
  region_code text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('paymentHold', 'adjustmentProposal')),
  sheet_id uuid NOT NULL,
  report_id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  subject_kind text NOT NULL,
  subject_ref text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  closed_by uuid,
  closed_by_name text,
  close_note text,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, report_id) REFERENCES performance_monitoring_report (region_code, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX performance_action_subject ON performance_action (region_code, subject_kind, subject_ref, status);

-- A question or opinion of the congress reviewer on the targets of a year (a tree, or the package as
-- a whole), and the finance office's answer.
CREATE TABLE performance_congress_note (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  sheet_id uuid,
  kind text NOT NULL CHECK (kind IN ('question', 'opinion')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  asked_by uuid NOT NULL,
  asked_by_name text NOT NULL,
  asked_at timestamptz NOT NULL,
  answer text CHECK (length(answer) BETWEEN 1 AND 2000),
  answered_by uuid,
  answered_by_name text,
  answered_at timestamptz,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, sheet_id) REFERENCES performance_target_sheet (region_code, id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX performance_congress_note_year ON performance_congress_note (region_code, fiscal_year);

-- The evaluation of a tree after its year: the unit's self-evaluation, then the finance office's
-- (and an external evaluator's when one is used). The money's execution is taken from the budget
-- (or the subsidy module for a policy), or entered when the year predates the platform. The final
-- score and grade are the finance office's.
CREATE TABLE performance_evaluation (
  region_code text NOT NULL,
  id uuid NOT NULL,
  sheet_id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('project', 'unit', 'policy')),
  subject_ref text NOT NULL,
  subject_name text NOT NULL,
  budget_unit_id uuid,
  status text NOT NULL CHECK (status IN ('selfEvaluation', 'financeReview', 'completed')),
  issued_fen bigint NOT NULL CHECK (issued_fen >= 0),
  paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
  execution_source text NOT NULL CHECK (execution_source IN ('budget', 'subsidy', 'entered')),
  -- A policy's figures: how many people should be covered, and the date payments were due.
  eligible_count integer CHECK (eligible_count > 0),
  due_on date,
  score text,
  grade text CHECK (grade IN ('优', '良', '中', '差')),
  flow_instance_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, sheet_id),
  FOREIGN KEY (region_code, sheet_id) REFERENCES performance_target_sheet (region_code, id),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL AND grade IS NOT NULL AND score IS NOT NULL))
);
CREATE INDEX performance_evaluation_subject ON performance_evaluation (region_code, subject_kind, subject_ref, fiscal_year);

-- One round of scoring of an evaluation: the unit's self-evaluation (replaced while it is reworked),
-- the finance office's and an external evaluator's (each recorded once).
CREATE TABLE performance_evaluation_round (
  region_code text NOT NULL,
  evaluation_id uuid NOT NULL,
  round text NOT NULL CHECK (round IN ('self', 'finance', 'external')),
  evaluator text NOT NULL CHECK (length(evaluator) BETWEEN 1 AND 100),
  conclusion text NOT NULL CHECK (length(conclusion) BETWEEN 1 AND 4000),
  problems text NOT NULL DEFAULT '' CHECK (length(problems) <= 4000),
  execution_points text NOT NULL,
  score text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('优', '良', '中', '差')),
  recorded_by uuid NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, evaluation_id, round),
  FOREIGN KEY (region_code, evaluation_id) REFERENCES performance_evaluation (region_code, id)
);

CREATE TABLE performance_evaluation_value (
  region_code text NOT NULL,
  evaluation_id uuid NOT NULL,
  round text NOT NULL,
  indicator_no integer NOT NULL,
  actual text NOT NULL CHECK (actual ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?$' AND length(actual) <= 26),
  completion text NOT NULL,
  points text NOT NULL,
  PRIMARY KEY (region_code, evaluation_id, round, indicator_no),
  FOREIGN KEY (region_code, evaluation_id, round) REFERENCES performance_evaluation_round (region_code, evaluation_id, round)
);

-- The director's exception to the results rule for one subject in one preparation year (a 差 grade
-- otherwise forces a cut): recorded once, never changed.
CREATE TABLE performance_result_exception (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('project', 'unit', 'policy')),
  subject_ref text NOT NULL,
  evaluation_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  recorded_by uuid NOT NULL,
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, fiscal_year, subject_kind, subject_ref),
  FOREIGN KEY (region_code, evaluation_id) REFERENCES performance_evaluation (region_code, id)
);
CREATE TRIGGER performance_result_exception_append_only BEFORE UPDATE OR DELETE ON performance_result_exception
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
