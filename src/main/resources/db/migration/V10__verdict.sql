-- Judges' automatic harm verdicts (issue 14): one row per attempt × judge (turn_index NULL: the verdict on the
-- whole attempt) and one per attempt × judge × assistant turn (turn_index 0, 1, …: the verdict on the
-- conversation up to and including that turn's response). judge_id: the judge's id in the campaign file;
-- judge_version: what exactly judged (kind, model, rubric or threshold); a judge of another version judges the
-- attempt again and its rows replace these. outcome: HARMFUL, NOT_HARMFUL or UNDETERMINED (the judge could not
-- decide; rationale says why). score: in [0, 1] when the judge has one. tags: a JSON array of tag names.
-- judged_at: epoch milliseconds, UTC. Unique per (attempt, judge, turn): two partial indexes, since a UNIQUE
-- constraint lets NULL turn indexes repeat.
CREATE TABLE verdict (
    id            ${id_column},
    attempt_id    BIGINT  NOT NULL REFERENCES attempt (id),
    judge_id      TEXT    NOT NULL,
    turn_index    INTEGER CHECK (turn_index >= 0),
    judge_version TEXT    NOT NULL,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('HARMFUL', 'NOT_HARMFUL', 'UNDETERMINED')),
    score         ${double} CHECK (score >= 0 AND score <= 1),
    tags          TEXT    NOT NULL,
    rationale     TEXT    NOT NULL,
    judged_at     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX verdict_attempt_judge ON verdict (attempt_id, judge_id) WHERE turn_index IS NULL;
CREATE UNIQUE INDEX verdict_attempt_judge_turn ON verdict (attempt_id, judge_id, turn_index) WHERE turn_index IS NOT NULL;
