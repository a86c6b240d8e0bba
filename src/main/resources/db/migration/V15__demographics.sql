-- Who the crowd is (issue 16, item 6): the optional demographics questionnaire, shown once after consent. Stored
-- apart from attempts and linked to nothing but the worker: demographics_response says the worker answered or
-- skipped (status), so the questionnaire is never shown again; demographics_answer holds one chosen answer per
-- question asked (question_id from the campaign's demographics.questions; answer: the choice's text). A skip stores
-- no answer. Reported only in aggregate with a minimum group size (docs/deploy.md, "Who the crowd is"); never
-- exported with attempts. responded_at: epoch milliseconds, UTC.
CREATE TABLE demographics_response (
    campaign_id  BIGINT NOT NULL REFERENCES campaign (id),
    worker_id    BIGINT NOT NULL REFERENCES worker (id),
    status       TEXT   NOT NULL CHECK (status IN ('answered', 'skipped')),
    responded_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, worker_id)
);
CREATE TABLE demographics_answer (
    campaign_id BIGINT NOT NULL,
    worker_id   BIGINT NOT NULL,
    question_id TEXT   NOT NULL,
    answer      TEXT   NOT NULL,
    PRIMARY KEY (campaign_id, worker_id, question_id),
    FOREIGN KEY (campaign_id, worker_id) REFERENCES demographics_response (campaign_id, worker_id)
);
