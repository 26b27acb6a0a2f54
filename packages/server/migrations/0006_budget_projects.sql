-- Budget preparation, continued: the review history of request lines (each review and each
-- resubmission is an event, never an overwrite), and the project library (项目库) with ex-ante
-- performance assessments (事前绩效评估): a project line of a budget request names a library project
-- whose latest assessment passed.

-- Who last submitted a line (the creator, or whoever resubmitted it after a return), how many times
-- it was submitted, and the library project a project line draws on.
ALTER TABLE budget_line ADD COLUMN submitted_by uuid;
ALTER TABLE budget_line ADD COLUMN submission integer NOT NULL DEFAULT 1 CHECK (submission >= 1);
ALTER TABLE budget_line ADD COLUMN project_id uuid;

CREATE TABLE budget_line_event (
  region_code text NOT NULL,
  line_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('requested', 'accepted', 'cut', 'returned', 'resubmitted')),
  submission integer NOT NULL CHECK (submission >= 1),
  requested_fen bigint NOT NULL CHECK (requested_fen > 0),
  approved_fen bigint CHECK (approved_fen >= 0),
  note text,
  changes jsonb,
  actor_id uuid,
  actor_name text NOT NULL,
  PRIMARY KEY (region_code, line_id, seq),
  FOREIGN KEY (region_code, line_id) REFERENCES budget_line (region_code, id)
);
CREATE TRIGGER budget_line_event_append_only BEFORE UPDATE OR DELETE ON budget_line_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A project of a budget unit in the township's project library. Its status follows its latest
-- assessment: awaiting one, passed, or failed (a failed project may be improved and assessed again).
CREATE TABLE budget_project (
  region_code text NOT NULL,
  id uuid NOT NULL,
  project_no text NOT NULL,
  budget_unit_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  category text NOT NULL,
  description text NOT NULL,
  functional_code text NOT NULL CHECK (functional_code ~ '^[0-9]{7}$'),
  planned_total_fen bigint NOT NULL CHECK (planned_total_fen > 0),
  start_year integer NOT NULL,
  end_year integer NOT NULL,
  status text NOT NULL CHECK (status IN ('awaitingAssessment', 'passed', 'failed')),
  latest_assessment_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, project_no),
  UNIQUE (region_code, budget_unit_id, name),
  FOREIGN KEY (region_code, budget_unit_id) REFERENCES budget_unit (region_code, id),
  CHECK (end_year >= start_year AND end_year - start_year < 10),
  CHECK ((status = 'awaitingAssessment') = (latest_assessment_id IS NULL))
);
CREATE INDEX budget_project_unit ON budget_project (region_code, budget_unit_id);

-- One ex-ante assessment of a project: the five scores of DOMAIN.md §10, their total, the pass mark
-- in force when it was recorded, and the assessor's conclusion. Never changed: a new assessment is a
-- new row.
CREATE TABLE project_assessment (
  region_code text NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  necessity_score integer NOT NULL CHECK (necessity_score BETWEEN 0 AND 20),
  economy_score integer NOT NULL CHECK (economy_score BETWEEN 0 AND 20),
  target_score integer NOT NULL CHECK (target_score BETWEEN 0 AND 20),
  feasibility_score integer NOT NULL CHECK (feasibility_score BETWEEN 0 AND 20),
  financing_score integer NOT NULL CHECK (financing_score BETWEEN 0 AND 20),
  total_score integer NOT NULL CHECK (total_score = necessity_score + economy_score + target_score + feasibility_score + financing_score),
  pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
  passed boolean NOT NULL CHECK (passed = (total_score >= pass_mark)),
  conclusion text NOT NULL,
  assessor text NOT NULL,
  assessed_on date NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, project_id) REFERENCES budget_project (region_code, id)
);
CREATE INDEX project_assessment_project ON project_assessment (region_code, project_id, recorded_at);
CREATE TRIGGER project_assessment_append_only BEFORE UPDATE OR DELETE ON project_assessment
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
