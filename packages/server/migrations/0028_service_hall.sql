-- The service hall (服务大厅, 一站式服务): every matter a resident brings to the township office's
-- window, phone, village agent or letter box, from acceptance (受理, by the first staff member asked,
-- who owns it: 首问负责) through report to the district when needed (审核上报) to the answer
-- (答复办结) within the time limit of its category (限时办结), and the resident's satisfaction (回访).
-- The steps run on the flow engine (flow_instance); this row keeps what the matter is and its answer.
-- The applicant's ID number and phone are personal data: sealed (AES-GCM, platform/crypto.ts) with
-- a blind index for the exact ID search, and a masked copy for display.
CREATE TABLE service_matter (
  region_code text NOT NULL,
  id uuid NOT NULL,
  matter_no text NOT NULL CHECK (matter_no ~ '^FW[0-9]{4}[0-9]{3}-[0-9]{5}$'),
  category text NOT NULL CHECK (category IN ('policyQuery', 'paymentQuery', 'application', 'infoChange', 'complaint', 'other')),
  channel text NOT NULL CHECK (channel IN ('window', 'phone', 'village', 'letter')),
  village_code text CHECK (village_code IS NULL OR left(village_code, 9) = left(region_code, 9)),
  applicant_name text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 30),
  applicant_id_sealed text,
  applicant_id_index text,
  applicant_id_masked text,
  applicant_phone_sealed text,
  applicant_phone_masked text,
  content text NOT NULL CHECK (length(content) BETWEEN 2 AND 1000),
  status text NOT NULL CHECK (status IN ('handling', 'reported', 'answered')),
  time_limit_days integer NOT NULL CHECK (time_limit_days BETWEEN 1 AND 365),
  promised_by timestamptz NOT NULL,
  accepted_at timestamptz NOT NULL,
  accepted_by uuid NOT NULL,
  accepted_by_name text NOT NULL,
  report_note text CHECK (length(report_note) <= 2000),
  district_reply text CHECK (length(district_reply) <= 2000),
  answer text CHECK (length(answer) BETWEEN 2 AND 2000),
  answered_at timestamptz,
  answered_by uuid,
  answered_by_name text,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
  follow_up_note text CHECK (length(follow_up_note) <= 200),
  flow_instance_id uuid NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, matter_no),
  CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  CHECK ((applicant_id_sealed IS NULL) = (applicant_id_index IS NULL))
);
CREATE INDEX service_matter_accepted ON service_matter (region_code, accepted_at);
CREATE INDEX service_matter_status ON service_matter (region_code, status, category);
CREATE INDEX service_matter_applicant ON service_matter (region_code, applicant_id_index);
-- The kiosk's progress query finds a matter by the number on its slip alone (the number names its township).
CREATE INDEX service_matter_no ON service_matter (matter_no);
