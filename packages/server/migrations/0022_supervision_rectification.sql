-- Fund supervision on the shared rectification mechanism (rectification/, issue 13): an alert the
-- township confirms as a real problem opens a rectification task of the supervision kind; the alert
-- then waits on the task's flow (its owner, deadline and overdue state come from it) and mirrors the
-- task's status (整改中 → 整改待销号 → 已销号). The alert's own verification flow stays on record.
-- Evidence of every kind of rectification now names its files by attachment id, so they can be
-- downloaded from the task (the names stay for the register).
ALTER TABLE rectification_evidence ADD COLUMN attachment_ids jsonb NOT NULL DEFAULT '[]';

ALTER TABLE supervision_alert
  ADD COLUMN verification_flow_instance_id uuid,
  ADD COLUMN rectification_task_id uuid,
  ADD FOREIGN KEY (region_code, rectification_task_id) REFERENCES rectification_task (region_code, id);
UPDATE supervision_alert SET verification_flow_instance_id = flow_instance_id;
CREATE INDEX supervision_alert_rectification ON supervision_alert (region_code, rectification_task_id) WHERE rectification_task_id IS NOT NULL;
