-- Every sample a rejection-sampling target drew for a turn, with the preference model's score.
CREATE TABLE turn_sample (
    turn_id      BIGINT  NOT NULL REFERENCES turn (id),
    position     INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    harmlessness ${double} NOT NULL,
    PRIMARY KEY (turn_id, position)
);
