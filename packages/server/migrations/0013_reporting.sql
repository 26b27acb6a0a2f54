-- Reporting up (上报): one mechanism for every periodic report a township owes the district (the
-- debt monthly report, the final accounts …). A report of one kind, one township and one period is
-- prepared from the township's data (each build a new version, kept), submitted by a deadline through
-- the flow engine, reviewed by the district (accepted, or returned with comments) and, once
-- accepted, locked: the database refuses any change to it.

CREATE TABLE report_instance (
  region_code text NOT NULL,
  id uuid NOT NULL,
  kind_code text NOT NULL CHECK (kind_code ~ '^[a-zA-Z]{2,40}$'),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  status text NOT NULL CHECK (status IN ('prepared', 'submitted', 'accepted')),
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  problems jsonb NOT NULL,
  deadline_at timestamptz NOT NULL,
  flow_instance_id uuid,
  prepared_by uuid NOT NULL,
  prepared_at timestamptz NOT NULL,
  submitted_by uuid,
  submitted_at timestamptz,
  reviewed_by uuid,
  reviewed_at timestamptz,
  return_note text,
  return_count integer NOT NULL DEFAULT 0 CHECK (return_count >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, kind_code, period)
);
CREATE INDEX report_instance_kind_period ON report_instance (kind_code, period, region_code);

-- An accepted report is locked: no change, no deletion.
CREATE FUNCTION refuse_accepted_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'accepted' THEN
    RAISE EXCEPTION '% of report % is not allowed: it was accepted and is locked', TG_OP, OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER report_instance_locked BEFORE UPDATE OR DELETE ON report_instance
  FOR EACH ROW EXECUTE FUNCTION refuse_accepted_report_change();

-- Every content a report ever had: each preparation is a new version; nothing is overwritten.
CREATE TABLE report_version (
  region_code text NOT NULL,
  report_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  problems jsonb NOT NULL,
  built_by uuid NOT NULL,
  built_by_name text NOT NULL,
  built_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, report_id, version),
  FOREIGN KEY (region_code, report_id) REFERENCES report_instance (region_code, id)
);
CREATE TRIGGER report_version_append_only BEFORE UPDATE OR DELETE ON report_version
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
