-- Time on task for pay (issue 16, item 5). The red teamer's and reviewer's pages ping while they are visible and
-- the person typed, clicked or scrolled in the last minute; each ping lands in its worker's bucket of one UTC
-- minute (minute = epoch milliseconds / 60000), so a worker has at most one row per minute however often the page
-- pings. first_at, last_at: the first and last ping of the minute, epoch milliseconds, UTC. Time on task is
-- derived by query from these and the actions already stored (turns, picks, ratings, reviews): docs/deploy.md.
CREATE TABLE activity (
    campaign_id BIGINT NOT NULL REFERENCES campaign (id),
    worker_id   BIGINT NOT NULL REFERENCES worker (id),
    minute      BIGINT NOT NULL,
    first_at    BIGINT NOT NULL,
    last_at     BIGINT NOT NULL,
    CHECK (first_at <= last_at),
    PRIMARY KEY (campaign_id, worker_id, minute)
);
