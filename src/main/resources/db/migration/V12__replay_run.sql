-- Replay runs started from the admin pages (issue 15): a frozen list of the store's attacks (chosen by a filter)
-- replayed against some of the campaign's targets and judged by some of its judges. Times are epoch milliseconds,
-- UTC. filter: the admin's filter as a JSON object; target_ids, judge_ids: JSON arrays, in the order results report
-- them; suite_version: 16 hex digits of the SHA-256 of the run's attacks as suite lines (what results name).
-- status: running until every item is done. total: the items made at the start (attacks × targets).
CREATE TABLE replay_run (
    id            ${id_column},
    name          TEXT    NOT NULL,
    created_by    BIGINT  NOT NULL REFERENCES worker (id),
    created_at    BIGINT  NOT NULL,
    filter        TEXT    NOT NULL,
    target_ids    TEXT    NOT NULL,
    judge_ids     TEXT    NOT NULL,
    samples       INTEGER NOT NULL CHECK (samples >= 1),
    suite_version TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('running', 'done')),
    total         INTEGER NOT NULL CHECK (total >= 0),
    finished_at   BIGINT
);
-- One attack × target of a run. attack: the attack as a suite line; result: the replay as a results.jsonl line
-- (set when done); error: the result's error, kept apart so progress counts failures without reading results.
-- A server claims a pending item with one conditional UPDATE (status, claimed_by = its own id, claimed_at) and renews
-- heartbeat_at while it works; a claim whose heartbeat is older than a few minutes is a dead server's and may be taken
-- again (docs/replay.md).
CREATE TABLE replay_item (
    id          ${id_column},
    run_id      BIGINT  NOT NULL REFERENCES replay_run (id),
    attack_id   TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    attack      TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'done')),
    claimed_by  TEXT,
    claimed_at  BIGINT,
    heartbeat_at BIGINT,
    result      TEXT,
    error       TEXT,
    finished_at BIGINT,
    UNIQUE (run_id, attack_id, target_id)
);
CREATE INDEX replay_item_status ON replay_item (status, id);
