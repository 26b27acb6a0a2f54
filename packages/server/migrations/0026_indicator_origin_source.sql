-- An indicator carried over (结转, source 'carryOver') keeps the source of the indicator it was first
-- issued as: origin_source, beside origin_year. The kind of its money (基本支出 / 项目支出,
-- budget/spending.ts) follows the origin, so an upper transfer (earmarked, 项目支出) carried into the
-- next year stays 项目支出 instead of becoming 基本支出 by its new source.
ALTER TABLE budget_indicator ADD COLUMN origin_source text CHECK (origin_source IN ('approvedBudget', 'upperTransfer'));
WITH RECURSIVE chain AS (
  SELECT region_code, id, source AS origin_source FROM budget_indicator WHERE source <> 'carryOver'
  UNION ALL
  SELECT i.region_code, i.id, c.origin_source FROM budget_indicator i JOIN chain c ON c.region_code = i.region_code AND c.id = i.carried_from_id WHERE i.source = 'carryOver'
)
UPDATE budget_indicator b SET origin_source = chain.origin_source FROM chain WHERE chain.region_code = b.region_code AND chain.id = b.id;
-- A carried indicator whose chain cannot be followed was, as before, read as the approved budget's.
UPDATE budget_indicator SET origin_source = 'approvedBudget' WHERE origin_source IS NULL;
ALTER TABLE budget_indicator ALTER COLUMN origin_source SET NOT NULL;
ALTER TABLE budget_indicator ADD CONSTRAINT budget_indicator_origin_source CHECK (source = 'carryOver' OR origin_source = source);
