-- Reports (issue 6). The funnel groups a guide's events by run, version,
-- type, step and reason: this covering index holds every column it reads,
-- in that order, so the grouping streams through the index without
-- touching the table or sorting.
CREATE INDEX events_report ON events (guide, run, guide_version, type, step, reason, ts, received_at, dwell_ms);
-- Date ranges (and the other run filters) select runs by time first.
CREATE INDEX events_guide_ts ON events (guide, ts);
-- The covering index leads with (guide, run): the old one is redundant.
DROP INDEX IF EXISTS events_guide_run;
-- The broken-guide panel reads only failures and fallback locators: small
-- partial indexes instead of a scan of every event.
CREATE INDEX events_failed ON events (guide, step, reason, path, run) WHERE type = 'step_failed';
CREATE INDEX events_fallback ON events (guide, step, locator, run) WHERE locator > 0;
