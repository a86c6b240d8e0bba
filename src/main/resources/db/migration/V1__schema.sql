-- redteam schema. Times are epoch milliseconds, UTC. Enums are text with CHECK.
-- One file for SQLite and PostgreSQL: the Flyway placeholders id_column (the type and key of an id column)
-- and double (an 8-byte floating-point type) are set per vendor by storage.Migrations.

CREATE TABLE campaign (
    id              ${id_column},
    name            TEXT    NOT NULL UNIQUE,
    assignment_seed BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL
);

-- A target keeps its row after it leaves the campaign file (attempts refer to it); active = in the file now.
CREATE TABLE target (
    id           ${id_column},
    campaign_id  BIGINT  NOT NULL REFERENCES campaign (id),
    target_key   TEXT    NOT NULL,
    model_type   TEXT    NOT NULL,
    size         TEXT    NOT NULL,
    backend_kind TEXT    NOT NULL,
    demo         BOOLEAN NOT NULL,
    active       BOOLEAN NOT NULL,
    UNIQUE (campaign_id, target_key)
);

-- source/source_member_id: set for red team members that came in with an import, keeping their original id.
CREATE TABLE worker (
    id               ${id_column},
    name             TEXT   NOT NULL,
    external_id      TEXT,
    source           TEXT,
    source_member_id BIGINT,
    created_at       BIGINT NOT NULL,
    UNIQUE (source, source_member_id)
);

CREATE TABLE worker_role (
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    role      TEXT   NOT NULL CHECK (role IN ('red-teamer', 'reviewer', 'admin')),
    PRIMARY KEY (worker_id, role)
);

-- Secrets are stored only as SHA-256 hashes (hex) of 256-bit random values.
CREATE TABLE api_token (
    token_hash TEXT PRIMARY KEY,
    worker_id  BIGINT NOT NULL REFERENCES worker (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE invite (
    secret_hash TEXT PRIMARY KEY,
    worker_id   BIGINT NOT NULL REFERENCES worker (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE web_session (
    id_hash    TEXT PRIMARY KEY,
    worker_id  BIGINT NOT NULL REFERENCES worker (id),
    csrf_token TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE consent (
    worker_id    BIGINT NOT NULL REFERENCES worker (id),
    campaign_id  BIGINT NOT NULL REFERENCES campaign (id),
    consented_at BIGINT NOT NULL,
    PRIMARY KEY (worker_id, campaign_id)
);

CREATE TABLE consent_topic (
    worker_id   BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    topic       TEXT   NOT NULL,
    PRIMARY KEY (worker_id, campaign_id, topic),
    FOREIGN KEY (worker_id, campaign_id) REFERENCES consent (worker_id, campaign_id)
);

CREATE TABLE work_set (
    id              ${id_column},
    campaign_id     BIGINT  NOT NULL REFERENCES campaign (id),
    worker_id       BIGINT  NOT NULL REFERENCES worker (id),
    size            INTEGER NOT NULL CHECK (size > 0),
    completion_code TEXT,
    created_at      BIGINT  NOT NULL,
    completed_at    BIGINT
);

CREATE TABLE import_batch (
    id           ${id_column},
    file_name    TEXT    NOT NULL,
    sha256       TEXT    NOT NULL UNIQUE,
    record_count INTEGER NOT NULL,
    imported_at  BIGINT  NOT NULL
);

-- rating is floating point because imported ratings are floats; the platform writes whole numbers 0..4.
-- imported_transcript holds an imported record's transcript verbatim; platform transcripts are built from turns.
-- tags_listed: the record's tags are a list (possibly empty) rather than null.
CREATE TABLE attempt (
    id                            ${id_column},
    campaign_id                   BIGINT  NOT NULL REFERENCES campaign (id),
    target_id                     BIGINT  NOT NULL REFERENCES target (id),
    worker_id                     BIGINT  NOT NULL REFERENCES worker (id),
    work_set_id                   BIGINT REFERENCES work_set (id),
    set_position                  INTEGER,
    assignment_seq                INTEGER,
    source                        TEXT    NOT NULL CHECK (source IN ('platform', 'import')),
    import_batch_id               BIGINT REFERENCES import_batch (id),
    task_description              TEXT    NOT NULL,
    status                        TEXT    NOT NULL CHECK (status IN ('open', 'submitted')),
    rating                        ${double} CHECK (rating >= 0 AND rating <= 4),
    min_harmlessness              ${double},
    task_description_harmlessness ${double},
    is_upworker                   BOOLEAN NOT NULL,
    imported_transcript           TEXT,
    tags_listed                   BOOLEAN NOT NULL,
    created_at                    BIGINT  NOT NULL,
    submitted_at                  BIGINT,
    CHECK ((status = 'submitted') = (rating IS NOT NULL)),
    UNIQUE (work_set_id, set_position),
    UNIQUE (campaign_id, assignment_seq)
);
CREATE INDEX attempt_worker ON attempt (worker_id, status);
CREATE INDEX attempt_target ON attempt (target_id);

CREATE TABLE attempt_tag (
    attempt_id BIGINT  NOT NULL REFERENCES attempt (id),
    position   INTEGER NOT NULL,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (attempt_id, position)
);

CREATE TABLE turn (
    id           ${id_column},
    attempt_id   BIGINT  NOT NULL REFERENCES attempt (id),
    turn_index   INTEGER NOT NULL CHECK (turn_index >= 0),
    message      TEXT    NOT NULL,
    more_harmful TEXT CHECK (more_harmful IN ('A', 'B')),
    created_at   BIGINT  NOT NULL,
    chosen_at    BIGINT,
    UNIQUE (attempt_id, turn_index)
);

CREATE TABLE candidate (
    turn_id       BIGINT NOT NULL REFERENCES turn (id),
    side          TEXT   NOT NULL CHECK (side IN ('A', 'B')),
    text          TEXT   NOT NULL,
    backend       TEXT   NOT NULL,
    latency_ms    BIGINT NOT NULL,
    finish_reason TEXT   NOT NULL,
    PRIMARY KEY (turn_id, side)
);
