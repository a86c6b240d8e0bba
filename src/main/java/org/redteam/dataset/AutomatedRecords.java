package org.redteam.dataset;

import org.redteam.attempt.AutomatedAttemptRepository;
import org.redteam.conversation.Transcript;
import org.redteam.release.ReleasedRecord;
import org.redteam.target.Target;

/**
 * Automated attempts (the OpenAI-compatible endpoint's conversations) as released records, for
 * {@code --include-automated}: the transcript as sent and answered; red_team_member_id the automation worker
 * (numbered like the red team members when scrubbing); model_type and num_params from the target; rating 0 (a tool
 * rates nothing); no task description, no scores, not an upworker, tags null; with signals, none (a tool flags nothing).
 */
final class AutomatedRecords {
    private AutomatedRecords() {
    }

    /** Writes {@code r}, an I/O failure as an {@link java.io.UncheckedIOException} (the caller unwraps it). */
    static void write(org.redteam.release.ReleasedWriter writer, ReleasedRecord r, boolean withSignals) {
        try {
            writer.write(r, withSignals ? org.redteam.release.ReleasedSignals.NONE : null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ReleasedRecord released(AutomatedAttemptRepository.Exported a) {
        return new ReleasedRecord(Transcript.of(a.messages()).render(), null, a.size(),
                Target.labelledModelType(a.modelType(), a.demo()), 0, "", null, a.workerId(), false, null);
    }
}
