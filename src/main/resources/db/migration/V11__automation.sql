-- Automated attacks (issue 15, item 4): workers with the new role 'automation' reach the targets through the
-- OpenAI-compatible endpoint (/v1/chat/completions). Their conversations are kept in tables of their own, apart
-- from human attempts, so no analysis, review queue, dashboard figure, judge catch-up or export sees them unless
-- asked to (--include-automated). Times are epoch milliseconds, UTC.

-- worker_role's CHECK gains 'automation'. SQLite cannot alter a CHECK, so the table is rebuilt the way SQLite
-- documents (new table, copy, drop, rename); PostgreSQL runs the same statements. Nothing refers to worker_role.
CREATE TABLE worker_role_v11 (
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    role      TEXT   NOT NULL CHECK (role IN ('red-teamer', 'reviewer', 'admin', 'automation')),
    PRIMARY KEY (worker_id, role)
);
INSERT INTO worker_role_v11 (worker_id, role) SELECT worker_id, role FROM worker_role;
DROP TABLE worker_role;
ALTER TABLE worker_role_v11 RENAME TO worker_role;

-- One conversation of an automation worker with one target. conversation_hash: SHA-256 (hex) of the
-- conversation as stored so far (every turn's human and assistant text), so a request whose earlier messages
-- are exactly this conversation continues it.
CREATE TABLE automated_attempt (
    id                ${id_column},
    campaign_id       BIGINT NOT NULL REFERENCES campaign (id),
    target_id         BIGINT NOT NULL REFERENCES target (id),
    worker_id         BIGINT NOT NULL REFERENCES worker (id),
    conversation_hash TEXT   NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX automated_attempt_conversation ON automated_attempt (worker_id, target_id, conversation_hash);

-- One exchange: the human message (system messages folded in front of the first) and the reply returned
-- (choice 0 when n > 1).
CREATE TABLE automated_turn (
    attempt_id    BIGINT NOT NULL REFERENCES automated_attempt (id),
    turn_index    INTEGER NOT NULL,
    human         TEXT   NOT NULL,
    assistant     TEXT   NOT NULL,
    finish_reason TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, turn_index)
);
