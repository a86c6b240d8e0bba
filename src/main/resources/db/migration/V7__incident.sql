-- Model call failures met by red teamers (issue 13). The red teamer sees only a generic message and the
-- incident's code; admins read the rest here. code: 'inc-' + 10 random characters, what the red teamer
-- quotes. failure: how the backend failed (502, 503, 504 on the API). detail: the full failure text as the
-- backend client worded it (target, backend, upstream status and the start of its body; API keys masked).
-- occurred_at: epoch milliseconds, UTC.
CREATE TABLE incident (
    id          ${id_column},
    code        TEXT   NOT NULL UNIQUE,
    occurred_at BIGINT NOT NULL,
    attempt_id  BIGINT NOT NULL REFERENCES attempt (id),
    worker_id   BIGINT NOT NULL REFERENCES worker (id),
    target_id   BIGINT NOT NULL REFERENCES target (id),
    failure     TEXT   NOT NULL CHECK (failure IN ('BAD_GATEWAY', 'OVERLOADED', 'TIMEOUT')),
    detail      TEXT   NOT NULL
);
CREATE INDEX incident_occurred ON incident (occurred_at);
