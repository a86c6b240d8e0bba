-- Facts about the running platform that commands outside serve need, e.g. the address invite links name
-- (issue 13: users add prints links on the running serve's address). Times are epoch milliseconds, UTC.
CREATE TABLE platform_setting (
    name       TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
