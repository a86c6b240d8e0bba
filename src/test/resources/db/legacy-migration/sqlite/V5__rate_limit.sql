-- Token buckets of the rate limits (RateLimiter), shared by every process on this store.
-- bucket: the limit's name and the client it counts, e.g. 'sign-in:203.0.113.7'.
-- tokens: what was left at updated_at (epoch milliseconds, UTC); refill is computed on read.
CREATE TABLE rate_limit (
    bucket     TEXT   NOT NULL PRIMARY KEY,
    tokens     REAL   NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX rate_limit_updated ON rate_limit (updated_at);
