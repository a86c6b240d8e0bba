package org.redteam.attempt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.ScoreStore;
import org.redteam.scoring.ScoredAttempt;
import org.redteam.scoring.ScoringInput;
import org.redteam.conversation.Transcript;

/**
 * The attempt table as the scoring service's {@link ScoreStore}: imported attempts are scored from
 * their transcript as given, platform attempts from their turns.
 */
public final class AttemptScoreRepository implements ScoreStore {
    private static final String SUBMITTED = "status = 'submitted'";
    private static final String UNSCORED = SUBMITTED
            + " AND scored_by IS NULL AND (min_harmlessness IS NULL OR task_description_harmlessness IS NULL)";

    private final Jdbi jdbi;
    private final AttemptRepository attempts;

    public AttemptScoreRepository(Jdbi jdbi, AttemptRepository attempts) {
        this.jdbi = jdbi;
        this.attempts = attempts;
    }

    private static String where(Scope scope) {
        return switch (scope) {
            case UNSCORED -> UNSCORED;
            case UNSCORED_PLATFORM -> UNSCORED + " AND source = 'platform'";
            case ALL -> SUBMITTED;
        };
    }

    @Override
    public long count(Scope scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attempt WHERE " + where(scope))
                .mapTo(Long.class).one());
    }

    @Override
    public List<ScoringInput> next(Scope scope, long afterId, int limit) {
        return jdbi.withHandle(h -> inputs(h, h.createQuery("SELECT id, task_description, imported_transcript "
                        + "FROM attempt WHERE " + where(scope) + " AND id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("task_description"),
                        rs.getString("imported_transcript")))
                .list()));
    }

    @Override
    public Optional<ScoringInput> submitted(long attemptId) {
        return jdbi.withHandle(h -> inputs(h, h.createQuery("SELECT id, task_description, imported_transcript "
                        + "FROM attempt WHERE id = :id AND " + SUBMITTED)
                .bind("id", attemptId)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("task_description"),
                        rs.getString("imported_transcript")))
                .list()).stream().findFirst());
    }

    /** The conversation of a submitted attempt: an imported transcript as given, a platform attempt's turns. */
    public Optional<Transcript> submittedTranscript(long attemptId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT imported_transcript FROM attempt WHERE id = :id AND " + SUBMITTED)
                .bind("id", attemptId)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("imported_transcript")))
                .findFirst()
                .map(imported -> imported.map(Transcript::parse).orElseGet(() -> Turn.transcript(attempts.turns(h, attemptId)))));
    }

    private record Row(long id, String taskDescription, String importedTranscript) {
    }

    private List<ScoringInput> inputs(Handle h, List<Row> rows) {
        List<ScoringInput> inputs = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<Exchange> exchanges = r.importedTranscript() != null
                    ? Transcript.exchanges(r.importedTranscript())
                    : Turn.transcript(attempts.turns(h, r.id())).exchanges();
            inputs.add(new ScoringInput(r.id(), exchanges, r.taskDescription()));
        }
        return inputs;
    }

    @Override
    public void save(List<ScoredAttempt> scores, boolean overwrite) {
        if (scores.isEmpty()) {
            return;
        }
        String sql = overwrite
                ? "UPDATE attempt SET min_harmlessness = :min, task_description_harmlessness = :task, scored_by = :by "
                        + "WHERE id = :id"
                : "UPDATE attempt SET min_harmlessness = COALESCE(min_harmlessness, :min), "
                        + "task_description_harmlessness = COALESCE(task_description_harmlessness, :task), "
                        + "scored_by = :by WHERE id = :id AND scored_by IS NULL";
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(sql);
            for (ScoredAttempt s : scores) {
                batch.bind("min", s.minHarmlessness().orElse(null)).bind("task", s.taskDescriptionHarmlessness())
                        .bind("by", s.scoredBy()).bind("id", s.attemptId()).add();
            }
            batch.execute();
        });
    }
}
