-- Taking access away (issue 13): a deactivated worker keeps their data but cannot sign in or use a token;
-- API tokens may expire. Times are epoch milliseconds, UTC.
ALTER TABLE worker ADD COLUMN deactivated_at BIGINT;
ALTER TABLE api_token ADD COLUMN expires_at BIGINT;
