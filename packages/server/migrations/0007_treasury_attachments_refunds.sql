-- Treasury, part two: stored attachments (the files themselves, not only their names), refunds of
-- paid payments (支付后退款), and the district-wide year-end run with its progress.

-- A file uploaded for a document (a payment request …). Stored in the database so a backup holds it.
-- Uploaded first, unbound (owner_id NULL); bound to its owner when the owner is submitted; a bound
-- attachment never changes.
CREATE TABLE attachment (
  region_code text NOT NULL,
  id uuid NOT NULL,
  owner_kind text NOT NULL CHECK (length(owner_kind) BETWEEN 1 AND 50),
  owner_id uuid,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL,
  bound_at timestamptz,
  PRIMARY KEY (region_code, id),
  CHECK (octet_length(content) = size_bytes),
  CHECK ((owner_id IS NULL) = (bound_at IS NULL))
);
CREATE INDEX attachment_owner ON attachment (region_code, owner_kind, owner_id);

CREATE FUNCTION refuse_bound_attachment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.owner_id IS NOT NULL THEN
    RAISE EXCEPTION '% of attachment % is not allowed: it belongs to a submitted document', TG_OP, OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER attachment_bound_final BEFORE UPDATE OR DELETE ON attachment
  FOR EACH ROW EXECUTE FUNCTION refuse_bound_attachment_change();

-- A refund of a paid payment, in part or in full: the money goes back to the indicator.
CREATE TABLE payment_refund (
  region_code text NOT NULL,
  id uuid NOT NULL,
  payment_id uuid NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
  document_no text NOT NULL CHECK (length(document_no) BETWEEN 1 AND 100),
  refunded_by uuid NOT NULL,
  refunded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, payment_id) REFERENCES payment_request (region_code, id)
);
CREATE INDEX payment_refund_payment ON payment_refund (region_code, payment_id);
CREATE TRIGGER payment_refund_append_only BEFORE UPDATE OR DELETE ON payment_refund
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A refund is an event on the indicator: paid goes down, available up.
ALTER TABLE indicator_event DROP CONSTRAINT indicator_event_kind_check;
ALTER TABLE indicator_event ADD CONSTRAINT indicator_event_kind_check
  CHECK (kind IN ('issued', 'adjusted', 'transferredIn', 'transferredOut', 'carriedOut', 'carriedIn', 'becameBalance', 'reserved', 'settled', 'released', 'closed', 'refunded'));

-- Year end run by the district for every township at once: progress and each township's result.
CREATE TABLE year_end_run (
  region_code text NOT NULL,
  id uuid NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  status text NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
  township_count integer NOT NULL CHECK (township_count >= 0),
  done_count integer NOT NULL CHECK (done_count >= 0),
  results jsonb NOT NULL,
  started_by uuid NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (region_code, id),
  CHECK (done_count <= township_count)
);
CREATE INDEX year_end_run_started ON year_end_run (region_code, started_at);
