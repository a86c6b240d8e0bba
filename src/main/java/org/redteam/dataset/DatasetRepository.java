package org.redteam.dataset;

import org.redteam.release.ReleasedRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.redteam.storage.Rows;

/** SQL of import and export: import batches, imported attempts with their tags, and the export read. */
public final class DatasetRepository {

    /** An import batch as stored. */
    record Batch(long id, String fileName, int recordCount, Instant importedAt) {
    }

    /** A submitted attempt with what the exports need of its target and worker. */
    record ExportRow(long id, boolean imported, double rating, String taskDescription, Double minHarmlessness,
                     Double taskDescriptionHarmlessness, boolean upworker, String importedTranscript,
                     boolean tagsListed, String targetId, String modelType, String size, boolean demo, long workerId,
                     Long sourceMemberId) {
    }

    /**
     * The tags of one attempt for the released {@code tags} field: its imported tags in position order, then
     * the tags of its answered reviews in task then position order, duplicates kept.
     *
     * @param reviewed whether the attempt has an answered review (with or without tags)
     */
    record AttemptTags(List<String> tags, boolean reviewed) {
        static final AttemptTags NONE = new AttemptTags(List.of(), false);
    }

    Optional<Batch> batchBySha256(Handle h, String sha256) {
        return h.createQuery("SELECT id, file_name, record_count, imported_at FROM import_batch WHERE sha256 = :sha")
                .bind("sha", sha256)
                .map((rs, ctx) -> new Batch(rs.getLong("id"), rs.getString("file_name"), rs.getInt("record_count"),
                        Instant.ofEpochMilli(rs.getLong("imported_at"))))
                .findOne();
    }

    long insertBatch(Handle h, String fileName, String sha256, Instant now) {
        return h.createUpdate("INSERT INTO import_batch (file_name, sha256, record_count, imported_at) "
                        + "VALUES (:name, :sha, 0, :now)")
                .bind("name", fileName).bind("sha", sha256).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void setRecordCount(Handle h, long batchId, int count) {
        h.createUpdate("UPDATE import_batch SET record_count = :n WHERE id = :id").bind("n", count).bind("id", batchId)
                .execute();
    }

    static final String INSERT_IMPORTED_ATTEMPT = "INSERT INTO attempt (campaign_id, target_id, worker_id, source, "
            + "import_batch_id, task_description, status, rating, min_harmlessness, task_description_harmlessness, "
            + "is_upworker, imported_transcript, tags_listed, created_at) "
            + "VALUES (:campaign, :target, :worker, 'import', :batch, :task, 'submitted', :rating, :minHarmlessness, "
            + ":taskHarmlessness, :upworker, :transcript, :tagsListed, :now)";

    static final String INSERT_TAG = "INSERT INTO attempt_tag (attempt_id, position, tag) VALUES (:attempt, :position, :tag)";

    /** Binds one imported attempt to {@code INSERT_IMPORTED_ATTEMPT} (a batch row or a single statement). */
    static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindAttempt(S statement, ImportTarget into,
                                                                                long targetId, long workerId,
                                                                                ReleasedRecord r, Instant now) {
        return statement.bind("campaign", into.campaignId()).bind("target", targetId).bind("worker", workerId)
                .bind("batch", into.batchId()).bind("task", r.taskDescription()).bind("rating", r.rating())
                .bind("minHarmlessness", r.minHarmlessnessScoreTranscript())
                .bind("taskHarmlessness", r.taskDescriptionHarmlessnessScore())
                .bind("upworker", r.isUpworker()).bind("transcript", r.transcript())
                .bind("tagsListed", r.tags() != null).bind("now", now.toEpochMilli());
    }

    /** Where an import goes: its batch and its campaign. */
    record ImportTarget(long batchId, long campaignId) {
    }

    long insertImportedAttempt(Handle h, ImportTarget into, long targetId, long workerId, ReleasedRecord r,
                               Instant now) {
        return bindAttempt(h.createUpdate(INSERT_IMPORTED_ATTEMPT), into, targetId, workerId, r, now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void insertTags(Handle h, long attemptId, List<String> tags) {
        PreparedBatch batch = h.prepareBatch(INSERT_TAG);
        for (int i = 0; i < tags.size(); i++) {
            batch.bind("attempt", attemptId).bind("position", i).bind("tag", tags.get(i)).add();
        }
        batch.execute();
    }

    /** Up to {@code limit} submitted attempts with ids above {@code afterId}, in id order. */
    List<ExportRow> submittedAfter(Handle h, long afterId, int limit) {
        return submittedAfter(h, afterId, limit, java.util.OptionalLong.empty());
    }

    /** As above, only the attempts of {@code campaign} when given. */
    List<ExportRow> submittedAfter(Handle h, long afterId, int limit, java.util.OptionalLong campaign) {
        return h.createQuery("SELECT a.id, a.source, a.rating, a.task_description, a.min_harmlessness, "
                        + "a.task_description_harmlessness, a.is_upworker, a.imported_transcript, a.tags_listed, "
                        + "t.target_key, t.model_type, t.size, t.demo, w.id AS worker_id, w.source_member_id "
                        + "FROM attempt a JOIN target t ON t.id = a.target_id JOIN worker w ON w.id = a.worker_id "
                        + "WHERE a.status = 'submitted' AND a.id > :after"
                        + (campaign.isPresent() ? " AND a.campaign_id = :campaign" : "") + " ORDER BY a.id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit).bind("campaign", campaign.orElse(0))
                .map((rs, ctx) -> new ExportRow(rs.getLong("id"), "import".equals(rs.getString("source")),
                        rs.getDouble("rating"), rs.getString("task_description"),
                        Rows.optionalDouble(rs, "min_harmlessness").orElse(null),
                        Rows.optionalDouble(rs, "task_description_harmlessness").orElse(null), rs.getBoolean("is_upworker"),
                        rs.getString("imported_transcript"), rs.getBoolean("tags_listed"), rs.getString("target_key"),
                        rs.getString("model_type"), rs.getString("size"), rs.getBoolean("demo"), rs.getLong("worker_id"),
                        Rows.optionalLong(rs, "source_member_id").orElse(null)))
                .list();
    }

    /** One row of the tags query: a tag (null for a review without tags) of an attempt, imported or from a review. */
    private record TagRow(long attemptId, boolean review, String tag) {
    }

    /**
     * The tags of the attempts with ids in {@code [fromId, toId]} (see {@link AttemptTags}), in one query: imported
     * tags (part 0), then each answered review with its tags (part 1; a review without tags gives one row with a
     * null tag, so that the attempt counts as reviewed). Attempts with neither are absent from the map.
     */
    Map<Long, AttemptTags> tags(Handle h, long fromId, long toId) {
        Map<Long, List<String>> tags = new HashMap<>();
        Set<Long> reviewed = new HashSet<>();
        h.createQuery("SELECT attempt_id, 0 AS part, 0 AS task_id, position, tag FROM attempt_tag "
                        + "WHERE attempt_id BETWEEN :from AND :to "
                        + "UNION ALL SELECT t.attempt_id, 1, t.id, g.position, g.tag FROM review_task t "
                        + "LEFT JOIN review_tag g ON g.task_id = t.id "
                        + "WHERE t.status = 'answered' AND t.attempt_id BETWEEN :from AND :to "
                        + "ORDER BY 1, 2, 3, 4")
                .bind("from", fromId).bind("to", toId)
                .map((rs, ctx) -> new TagRow(rs.getLong(1), rs.getInt(2) == 1, rs.getString(5)))
                .forEach(row -> {
                    List<String> list = tags.computeIfAbsent(row.attemptId(), k -> new ArrayList<>());
                    if (row.review()) {
                        reviewed.add(row.attemptId());
                    }
                    if (row.tag() != null) {
                        list.add(row.tag());
                    }
                });
        Map<Long, AttemptTags> out = new HashMap<>();
        tags.forEach((attempt, list) -> out.put(attempt, new AttemptTags(list, reviewed.contains(attempt))));
        return out;
    }
}
