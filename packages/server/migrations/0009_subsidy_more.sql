-- Subsidies on one card, continued: money of a wrong payment coming back (追回到账). A recovery
-- (subsidy_recovery) is what is owed; its receipt, once, is what came back, and is announced to
-- the ledger (subsidy.linesRecovered) in the same transaction.
CREATE TABLE subsidy_recovery_receipt (
  region_code text NOT NULL,
  recovery_id uuid NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  recovered_on date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, recovery_id),
  FOREIGN KEY (region_code, recovery_id) REFERENCES subsidy_recovery (region_code, id)
);
CREATE TRIGGER subsidy_recovery_receipt_append_only BEFORE UPDATE OR DELETE ON subsidy_recovery_receipt
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
