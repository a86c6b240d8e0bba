-- The review task and well-being surveys (issue 5). Times are epoch milliseconds, UTC.

-- What an admin put up for review, and how (all, a seeded sample per target, a filter).
CREATE TABLE review_queue (
    attempt_id  BIGINT NOT NULL PRIMARY KEY REFERENCES attempt (id),
    campaign_id BIGINT NOT NULL REFERENCES campaign (id),
    added_at    BIGINT NOT NULL,
    added_how   TEXT   NOT NULL CHECK (added_how IN ('all', 'sample', 'filter'))
);
CREATE INDEX review_queue_campaign ON review_queue (campaign_id, added_at);

-- One reviewer meets one attempt at most once: claimed when shown, then answered or skipped.
-- opened_at: when the reviewer chose to read the transcript after the preview; seconds_spent runs from there.
CREATE TABLE review_task (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id    BIGINT  NOT NULL REFERENCES attempt (id),
    reviewer_id   BIGINT  NOT NULL REFERENCES worker (id),
    status        TEXT    NOT NULL CHECK (status IN ('claimed', 'answered', 'skipped')),
    claimed_at    BIGINT  NOT NULL,
    opened_at     BIGINT,
    finished_at   BIGINT,
    rating        INTEGER CHECK (rating >= 0 AND rating <= 4),
    note          TEXT,
    seconds_spent BIGINT,
    CHECK ((status = 'answered') = (rating IS NOT NULL)),
    UNIQUE (attempt_id, reviewer_id)
);
CREATE INDEX review_task_reviewer ON review_task (reviewer_id, status);
CREATE INDEX review_task_attempt ON review_task (attempt_id, status);

CREATE TABLE review_tag (
    task_id  BIGINT  NOT NULL REFERENCES review_task (id),
    position INTEGER NOT NULL CHECK (position >= 0 AND position < 2),
    tag      TEXT    NOT NULL,
    PRIMARY KEY (task_id, position)
);

-- sequence n: the survey due after n × survey_every completed tasks of that kind.
CREATE TABLE wellbeing_survey (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT  NOT NULL REFERENCES campaign (id),
    worker_id   BIGINT  NOT NULL REFERENCES worker (id),
    task_kind   TEXT    NOT NULL CHECK (task_kind IN ('review', 'red-team')),
    sequence    INTEGER NOT NULL CHECK (sequence > 0),
    answered_at BIGINT  NOT NULL,
    free_text   TEXT,
    UNIQUE (campaign_id, worker_id, task_kind, sequence)
);
CREATE INDEX wellbeing_survey_time ON wellbeing_survey (campaign_id, answered_at);

CREATE TABLE wellbeing_answer (
    survey_id BIGINT  NOT NULL REFERENCES wellbeing_survey (id),
    item      TEXT    NOT NULL,
    value     INTEGER NOT NULL CHECK (value >= 0 AND value <= 4),
    PRIMARY KEY (survey_id, item)
);
