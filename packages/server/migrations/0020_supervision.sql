-- Fund supervision (资金监管): rules that look across budget, treasury and subsidies, the alerts
-- they raise and follow to closure (发现 → 核实 → 整改 → 销号), suppressions of false alarms, the
-- runs (on demand, on schedule, on outbox events) and the monthly reports. Also the few columns the
-- rules need in other domains' tables: a person payee's ID blind index, a user's own resident ID
-- (sealed like a recipient's) and the date of death on the deceased list.

-- A user may record a resident ID (PAYEE_IS_STAFF matches payees and recipients against it).
ALTER TABLE app_user ADD COLUMN resident_id_sealed text;
ALTER TABLE app_user ADD COLUMN resident_id_index text;
ALTER TABLE app_user ADD COLUMN resident_id_masked text;
ALTER TABLE app_user ADD CONSTRAINT app_user_resident_id_whole
  CHECK ((resident_id_sealed IS NULL) = (resident_id_index IS NULL) AND (resident_id_index IS NULL) = (resident_id_masked IS NULL));
CREATE INDEX app_user_resident_id ON app_user (resident_id_index) WHERE resident_id_index IS NOT NULL;

-- A person payee's ID, found again by blind index (the sealed value has a random IV). Written when the
-- payment is entered; rows entered before this migration are indexed by treasury's indexPayeeIds.
ALTER TABLE payment_request ADD COLUMN payee_id_index text;
CREATE INDEX payment_request_payee_person ON payment_request (region_code, payee_id_index) WHERE payee_id_index IS NOT NULL;
CREATE INDEX payment_request_payee_org ON payment_request (region_code, payee_credit_code, created_at) WHERE payee_credit_code IS NOT NULL;
CREATE INDEX payment_request_unit_paid ON payment_request (region_code, budget_unit_id, paid_at) WHERE status = 'paid';

-- The deceased list may carry the date of death (DECEASED_PAID: paid for a period after it).
ALTER TABLE subsidy_reference_entry ADD COLUMN died_on date;
CREATE INDEX subsidy_roster_line_card ON subsidy_roster_line (region_code, card_index) WHERE card_index IS NOT NULL;

-- An alert: one case a rule found, in one township, followed through the flow engine.
CREATE TABLE supervision_alert (
  region_code text NOT NULL,
  id uuid NOT NULL,
  alert_no text NOT NULL CHECK (alert_no ~ '^JG[0-9]{4}[0-9]{3}-[0-9]{6}$'),
  rule_code text NOT NULL CHECK (rule_code ~ '^[A-Z][A-Z_]{2,39}$'),
  stage text NOT NULL CHECK (stage IN ('before', 'during', 'after')),
  status text NOT NULL CHECK (status IN ('unassigned', 'verifying', 'verified', 'rectifying', 'rectified', 'falseAlarmProposed', 'closed', 'falseAlarm')),
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  evidence jsonb NOT NULL,
  object_count integer NOT NULL CHECK (object_count >= 1),
  flow_instance_id uuid,
  first_found_at timestamptz NOT NULL,
  last_found_at timestamptz NOT NULL,
  found_runs integer NOT NULL CHECK (found_runs >= 1),
  closed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, alert_no),
  CHECK ((status IN ('closed', 'falseAlarm')) = (closed_at IS NOT NULL)),
  CHECK (status = 'unassigned' OR flow_instance_id IS NOT NULL)
);
CREATE INDEX supervision_alert_rule_status ON supervision_alert (region_code, rule_code, status);
CREATE INDEX supervision_alert_found ON supervision_alert (region_code, first_found_at);

-- The objects an alert is about (payments, roster lines, indicators …), added as evidence grows.
CREATE TABLE supervision_alert_object (
  region_code text NOT NULL,
  alert_id uuid NOT NULL,
  object_type text NOT NULL CHECK (object_type ~ '^[a-zA-Z]{2,40}$'),
  object_id text NOT NULL CHECK (length(object_id) BETWEEN 1 AND 120),
  object_region_code text NOT NULL CHECK (object_region_code ~ '^[0-9]{9}([0-9]{3})?$'),
  label text NOT NULL CHECK (length(label) <= 200),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, alert_id, object_type, object_id),
  FOREIGN KEY (region_code, alert_id) REFERENCES supervision_alert (region_code, id)
);
CREATE INDEX supervision_alert_object_lookup ON supervision_alert_object (region_code, object_type, object_id);
CREATE TRIGGER supervision_alert_object_append_only BEFORE UPDATE OR DELETE ON supervision_alert_object
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- What happened to an alert besides its flow steps: found, new evidence added, rectification recorded.
CREATE TABLE supervision_alert_event (
  region_code text NOT NULL,
  alert_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('found', 'evidenceAdded', 'rectification', 'assigned')),
  run_id uuid,
  amount_fen bigint,
  objects_added integer NOT NULL DEFAULT 0,
  evidence jsonb,
  note text CHECK (length(note) <= 2000),
  attachment_ids jsonb NOT NULL DEFAULT '[]',
  actor_id uuid,
  actor_name text NOT NULL,
  PRIMARY KEY (region_code, alert_id, seq),
  FOREIGN KEY (region_code, alert_id) REFERENCES supervision_alert (region_code, id)
);
CREATE TRIGGER supervision_alert_event_append_only BEFORE UPDATE OR DELETE ON supervision_alert_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A false alarm suppressed for one object until a date: the rule raises nothing for it meanwhile.
CREATE TABLE supervision_suppression (
  region_code text NOT NULL,
  id uuid NOT NULL,
  rule_code text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  label text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
  expires_on date NOT NULL,
  alert_id uuid,
  created_by uuid NOT NULL,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by_name text,
  revoke_reason text,
  PRIMARY KEY (region_code, id),
  CHECK ((revoked_at IS NULL) = (revoked_by_name IS NULL))
);
CREATE INDEX supervision_suppression_object ON supervision_suppression (region_code, rule_code, object_type, object_id);

-- Every run of the rules: who or what started it, over which scope, and what each rule found.
CREATE TABLE supervision_run (
  region_code text NOT NULL,
  id uuid NOT NULL,
  scope_prefix text NOT NULL CHECK (scope_prefix ~ '^[0-9]{0,12}$'),
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'event', 'cli', 'demo')),
  rules jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  summary jsonb NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE INDEX supervision_run_started ON supervision_run (region_code, trigger, started_at);
CREATE TRIGGER supervision_run_append_only BEFORE UPDATE OR DELETE ON supervision_run
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Rules an outbox event asked to run for a township, taken by the next runner (one row per rule).
CREATE TABLE supervision_run_request (
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{9}$'),
  rule_code text NOT NULL,
  requested_at timestamptz NOT NULL,
  event_id uuid,
  PRIMARY KEY (region_code, rule_code)
);

-- The monthly supervision report to the township government and the district, as issued.
CREATE TABLE supervision_report (
  region_code text NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  content jsonb NOT NULL,
  issued_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, period)
);
CREATE TRIGGER supervision_report_append_only BEFORE UPDATE OR DELETE ON supervision_report
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
