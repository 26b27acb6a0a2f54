-- Shared mechanisms for money-moving domains: the outbox (domains talk through events written in
-- the same transaction as the change) and idempotency keys (a command replayed returns its first result).

CREATE TABLE outbox_event (
  region_code text NOT NULL,
  id uuid NOT NULL,
  topic text NOT NULL CHECK (topic ~ '^[a-z][a-zA-Z0-9.]{2,80}$'),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, id)
);
CREATE INDEX outbox_event_topic ON outbox_event (topic, created_at);
CREATE TRIGGER outbox_event_append_only BEFORE UPDATE OR DELETE ON outbox_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One row per event a consumer has handled: the primary key makes handling happen exactly once.
CREATE TABLE outbox_consumption (
  region_code text NOT NULL,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, consumer, event_id),
  FOREIGN KEY (region_code, event_id) REFERENCES outbox_event (region_code, id)
);

CREATE TABLE idempotency_record (
  region_code text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
  command text NOT NULL,
  actor_id uuid,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, key)
);
