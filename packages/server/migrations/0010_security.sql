-- Issue 15: security findings closed in the database.

-- Finding 4: login failures throttle the address that makes them (per account and address, per
-- account, per address) with a growing delay, instead of locking the account for everyone.
-- Keys: 'pair:<username>|<address>', 'account:<username>', 'address:<address>'. Usernames are taken
-- as typed (lower-cased), so an unknown name is throttled exactly like a real one.
CREATE TABLE login_throttle (
  key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  failures integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL
);
ALTER TABLE app_user DROP COLUMN failed_login_count;
ALTER TABLE app_user DROP COLUMN locked_until;

-- Finding 11: money columns without a database guard. The other money tables are append-only or
-- final by trigger; these two change, so they get a rule for *how* they may change.

-- An indicator's balances move only through applyIndicatorMove (and the refund), which write the
-- move's indicator_event with the balances after it. So at commit every indicator touched must hold
-- exactly the balances of its last event: a plain UPDATE, however balanced, records no event and is
-- refused. (Deferred, because the functions update the row and then append the event.)
CREATE FUNCTION indicator_balances_by_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cur budget_indicator%ROWTYPE;
  ev indicator_event%ROWTYPE;
BEGIN
  SELECT * INTO cur FROM budget_indicator WHERE region_code = NEW.region_code AND id = NEW.id;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT * INTO ev FROM indicator_event WHERE region_code = cur.region_code AND indicator_id = cur.id ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND
     OR ev.issued_after_fen <> cur.issued_fen OR ev.reserved_after_fen <> cur.reserved_fen
     OR ev.paid_after_fen <> cur.paid_fen OR ev.available_after_fen <> cur.available_fen THEN
    RAISE EXCEPTION 'indicator_balances_by_event: the balances of indicator % changed without the indicator event that records the move', cur.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER indicator_balances_by_event AFTER UPDATE ON budget_indicator
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.issued_fen IS DISTINCT FROM NEW.issued_fen OR OLD.reserved_fen IS DISTINCT FROM NEW.reserved_fen
        OR OLD.paid_fen IS DISTINCT FROM NEW.paid_fen OR OLD.available_fen IS DISTINCT FROM NEW.available_fen)
  EXECUTE FUNCTION indicator_balances_by_event();

-- A new indicator starts at zero; its money arrives by an issuing (or carrying-in) move.
CREATE FUNCTION indicator_starts_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.issued_fen <> 0 OR NEW.reserved_fen <> 0 OR NEW.paid_fen <> 0 OR NEW.available_fen <> 0 THEN
    RAISE EXCEPTION 'indicator_starts_empty: indicator % must be created with zero balances and funded by a move', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER indicator_starts_empty BEFORE INSERT ON budget_indicator
  FOR EACH ROW EXECUTE FUNCTION indicator_starts_empty();

-- Key rotation (`xiangcai keys rotate`) re-seals personal data under new keys, also in append-only
-- and final rows. Its transactions say so with SET LOCAL xiangcai.key_rotation = 'on', and the guards
-- then let through an UPDATE that changes nothing but sealed values and blind indexes (columns named
-- *_sealed or *_index): the plaintext, and everything else in the row, stay as they were.
CREATE FUNCTION rotating_keys() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('xiangcai.key_rotation', true), '') = 'on'
$$;
CREATE FUNCTION only_sealed_changed(o jsonb, n jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(o) AS e(k, v) WHERE k !~ '_(sealed|index)$')
       = (SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM jsonb_each(n) AS e(k, v) WHERE k !~ '_(sealed|index)$')
$$;
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND rotating_keys() AND only_sealed_changed(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE OR REPLACE FUNCTION refuse_final_payment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND rotating_keys() AND only_sealed_changed(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR OLD.status IN ('paid', 'returned', 'cancelled') THEN
    RAISE EXCEPTION '% of payment % in status % is not allowed: it is final', TG_OP, OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

-- Steps of a key rotation that must happen at once (the name lists' blind indexes), by the new keys'
-- fingerprint, so a resumed rotation does not map them twice.
CREATE TABLE key_rotation_step (
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{16}$'),
  step text NOT NULL CHECK (length(step) BETWEEN 1 AND 60),
  done_at timestamptz NOT NULL,
  PRIMARY KEY (fingerprint, step)
);

-- Once a roster is published (notice) its lines keep their people and amounts: through district
-- review, payment and close. What may still change: the card (re-issue after a failed payment), the
-- findings and review notes, and `withdrawn` from false to true (an objection upheld).
CREATE FUNCTION subsidy_line_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  roster_status text;
BEGIN
  SELECT status INTO roster_status FROM subsidy_roster WHERE region_code = OLD.region_code AND id = OLD.roster_id;
  IF roster_status IN ('notice', 'districtReview', 'payment', 'closed') THEN
    IF TG_OP = 'DELETE'
       OR NEW.region_code <> OLD.region_code OR NEW.roster_id <> OLD.roster_id OR NEW.line_no <> OLD.line_no
       OR NEW.amount_fen <> OLD.amount_fen OR NEW.standard_fen IS DISTINCT FROM OLD.standard_fen
       OR NEW.quantity <> OLD.quantity OR NEW.name <> OLD.name OR NEW.village_code IS DISTINCT FROM OLD.village_code
       OR ((NEW.resident_id_sealed <> OLD.resident_id_sealed OR NEW.resident_id_index <> OLD.resident_id_index) AND NOT rotating_keys())
       OR NEW.resident_id_masked <> OLD.resident_id_masked
       OR (OLD.withdrawn AND NOT NEW.withdrawn) THEN
      RAISE EXCEPTION 'subsidy_line_fixed: % of line % of roster % (status %) is not allowed: its person and amount are fixed once published', TG_OP, OLD.line_no, OLD.roster_id, roster_status
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER subsidy_line_fixed BEFORE UPDATE OR DELETE ON subsidy_roster_line
  FOR EACH ROW EXECUTE FUNCTION subsidy_line_fixed();

-- A roster in payment only goes on to closed; a closed roster stays closed. (Otherwise setting it
-- back to draft would open its lines to a plain UPDATE again.)
CREATE FUNCTION subsidy_roster_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.status IN ('notice', 'districtReview', 'payment', 'closed') THEN
    RAISE EXCEPTION 'subsidy_roster_forward_only: roster % in status % cannot be deleted', OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND ((OLD.status = 'payment' AND NEW.status NOT IN ('payment', 'closed')) OR (OLD.status = 'closed' AND NEW.status <> 'closed')) THEN
    RAISE EXCEPTION 'subsidy_roster_forward_only: roster % cannot go from % back to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER subsidy_roster_forward_only BEFORE UPDATE OR DELETE ON subsidy_roster
  FOR EACH ROW EXECUTE FUNCTION subsidy_roster_forward_only();

-- Finding 5: the audit chain is keyed (HMAC-SM3 with a key from the secrets, not the database).
-- Rows written before this migration keep their plain SM3 hashes and are marked 'sm3'; nothing is
-- re-keyed (a migration has no key, and re-hashing would destroy the evidence they are). On its
-- first start with a key the server appends a keyed `audit.chainKeyed` row to every chain that ends
-- unkeyed, and verification then requires every chain to end keyed and no unkeyed row after a keyed
-- one (see audit/chain.ts).
ALTER TABLE audit_log ADD COLUMN hash_kind text NOT NULL DEFAULT 'sm3' CHECK (hash_kind IN ('sm3', 'hmac-sm3'));
ALTER TABLE audit_log ALTER COLUMN hash_kind DROP DEFAULT;
