-- Funnel summaries (issue 7), kept by the writer in the same transaction
-- as the events (store/funnel_sync.rs), so a report reads a few rollup
-- rows instead of every event. Filled from the stored events when a store
-- from before this migration is opened (store/funnel_rebuild.rs).

-- One row per run and guide version: what the run amounts to so far
-- (`state`: lotse_core::funnel::RunState as JSON), and the columns the
-- reports select runs by. `open_step`: the step the run is open at (it
-- counts as left there once silent); `irregular`: 1 when the run's days,
-- locale or device do not decide a narrowed report, 2 when it has events
-- of several versions or sites (those reports use the events).
CREATE TABLE funnel_runs (
    guide TEXT NOT NULL,
    run TEXT NOT NULL,
    version BIGINT NOT NULL,
    site TEXT NOT NULL,
    locale TEXT NOT NULL,
    device TEXT NOT NULL,
    first_day BIGINT NOT NULL,
    last_day BIGINT NOT NULL,
    received BIGINT NOT NULL,
    open_step TEXT,
    irregular BIGINT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (guide, run, version)
);
-- Open runs that are not silent yet: the few received recently.
CREATE INDEX funnel_runs_received ON funnel_runs (guide, received);
CREATE INDEX funnel_runs_irregular ON funnel_runs (guide, irregular) WHERE irregular > 0;

-- The counters (lotse_core::funnel::Counters as JSON) of all runs with the
-- same guide, site, version, first and last day (UTC, days since the
-- epoch), locale and device; in a few shards on PostgreSQL, so that
-- concurrent writers add to different rows (store/funnel_locks.rs).
CREATE TABLE funnel_rollups (
    guide TEXT NOT NULL,
    site TEXT NOT NULL,
    version BIGINT NOT NULL,
    first_day BIGINT NOT NULL,
    last_day BIGINT NOT NULL,
    locale TEXT NOT NULL,
    device TEXT NOT NULL,
    shard BIGINT NOT NULL,
    counters TEXT NOT NULL,
    PRIMARY KEY (guide, site, version, first_day, last_day, locale, device, shard)
);
