-- The final accounts (决算): a township's 决算说明 per fiscal year (the tables themselves are built from
-- the books and kept as report versions by reporting/), and the documents published to residents
-- (预决算公开, 预算法第十四条): approved budgets and accepted final accounts, immutable once published.

CREATE TABLE final_account_note (
  region_code text NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  updated_by uuid,
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_code, fiscal_year)
);

CREATE TABLE public_document (
  region_code text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('budget', 'finalAccount')),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  title text NOT NULL,
  approved_at timestamptz NOT NULL,
  published_at timestamptz NOT NULL,
  content jsonb NOT NULL,
  published_by uuid,
  published_by_name text NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, kind, fiscal_year)
);
CREATE TRIGGER public_document_append_only BEFORE UPDATE OR DELETE ON public_document
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
