-- Rectification (整改): a problem found by monitoring, evaluation or supervision followed to its
-- closure (DOMAIN.md §10 and §12). One mechanism for every domain (rectification/, defineRectificationFlow):
-- a task names what found the problem (source), its category (so recurring problems stand out), the
-- responsible unit and person (owner), a deadline, the evidence of the work done, and its closure,
-- and runs on the flow engine (rectifying → verifying → closed, or returned for more work).
CREATE TABLE rectification_task (
  region_code text NOT NULL,
  id uuid NOT NULL,
  task_no text NOT NULL,
  flow_code text NOT NULL CHECK (length(flow_code) BETWEEN 1 AND 60),
  source_kind text NOT NULL CHECK (length(source_kind) BETWEEN 1 AND 60),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 100),
  source_label text NOT NULL CHECK (length(source_label) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  responsible_unit_id uuid,
  responsible_unit_name text NOT NULL CHECK (length(responsible_unit_name) BETWEEN 1 AND 200),
  responsible_person text NOT NULL CHECK (length(responsible_person) BETWEEN 1 AND 50),
  deadline_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('rectifying', 'verifying', 'closed')),
  evidence_count integer NOT NULL DEFAULT 0 CHECK (evidence_count >= 0),
  closure_note text CHECK (length(closure_note) <= 2000),
  closed_at timestamptz,
  closed_by uuid,
  closed_by_name text,
  flow_instance_id uuid,
  created_by uuid NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, task_no),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX rectification_task_category ON rectification_task (region_code, category, status);
CREATE INDEX rectification_task_source ON rectification_task (region_code, source_kind, source_id);

-- Each submission of evidence (what was done, and files bound as attachments of the task), kept
-- in order and never changed: a task returned for more work gets a new submission.
CREATE TABLE rectification_evidence (
  region_code text NOT NULL,
  task_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  evidence text NOT NULL CHECK (length(evidence) BETWEEN 1 AND 4000),
  attachment_names jsonb NOT NULL DEFAULT '[]',
  submitted_by uuid NOT NULL,
  submitted_by_name text NOT NULL,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, task_id, seq),
  FOREIGN KEY (region_code, task_id) REFERENCES rectification_task (region_code, id)
);
CREATE TRIGGER rectification_evidence_append_only BEFORE UPDATE OR DELETE ON rectification_evidence
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
