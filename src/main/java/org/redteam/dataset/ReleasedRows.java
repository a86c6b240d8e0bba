package org.redteam.dataset;

import org.jdbi.v3.core.Handle;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.Turn;
import org.redteam.release.ReleasedRecord;
import org.redteam.target.Target;

/** Stored attempts as released records (export, analyze --db, suites from the store). */
final class ReleasedRows {
    private ReleasedRows() {
    }

    /**
     * The released record of a stored attempt: see docs/data-formats.md, "What export writes". {@code tags} is
     * null only for an attempt with neither an imported tag list nor an answered review.
     */
    static ReleasedRecord of(AttemptRepository attempts, DatasetRepository.ExportRow row, DatasetRepository.AttemptTags tags, Handle h) {
        String transcript = row.importedTranscript() != null ? row.importedTranscript()
                : Turn.transcript(attempts.turns(h, row.id())).render();
        String modelType = Target.labelledModelType(row.modelType(), row.demo());
        long member = row.sourceMemberId() != null ? row.sourceMemberId() : row.workerId();
        return new ReleasedRecord(transcript, row.minHarmlessness(), row.size(), modelType, row.rating(),
                row.taskDescription(), row.taskDescriptionHarmlessness(), member, row.upworker(),
                row.tagsListed() || tags.reviewed() ? tags.tags() : null);
    }
}
