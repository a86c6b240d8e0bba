-- Red teamers' own signals (issue 16, item 4), both optional. turn_flag: the red teamer flagged the picked reply
-- of turn turn_index as harmful; reason: their short reason, '' when they gave none. One flag per turn; flagging
-- again replaces the reason. attempt_expertise: at the rating step, whether the attack needed domain expertise
-- (needed: 'yes' or 'no') and which (area: free text or one of the campaign's expertise_areas; NULL when not said).
-- Times are epoch milliseconds, UTC.
CREATE TABLE turn_flag (
    id         ${id_column},
    attempt_id BIGINT  NOT NULL REFERENCES attempt (id),
    turn_index INTEGER NOT NULL CHECK (turn_index >= 0),
    reason     TEXT    NOT NULL,
    flagged_at BIGINT  NOT NULL,
    UNIQUE (attempt_id, turn_index)
);
CREATE TABLE attempt_expertise (
    attempt_id  BIGINT NOT NULL PRIMARY KEY REFERENCES attempt (id),
    needed      TEXT   NOT NULL CHECK (needed IN ('yes', 'no')),
    area        TEXT,
    answered_at BIGINT NOT NULL
);
