-- The preference model that scored an attempt on this platform (its name, e.g. "pm-default (…)");
-- NULL for attempts not scored here, including imported attempts that came with their scores.
ALTER TABLE attempt ADD COLUMN scored_by TEXT;
