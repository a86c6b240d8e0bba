-- Platform attempts per target, kept by the transaction that starts an attempt (under the campaign's
-- assignment lock), so choosing the next target reads one row per target instead of counting every attempt.
ALTER TABLE target ADD COLUMN platform_attempts INTEGER NOT NULL DEFAULT 0;
UPDATE target SET platform_attempts = (SELECT COUNT(*) FROM attempt a WHERE a.target_id = target.id AND a.source = 'platform');
