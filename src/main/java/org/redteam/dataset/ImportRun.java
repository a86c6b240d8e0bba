package org.redteam.dataset;

import org.redteam.campaign.TargetRow;

import org.redteam.release.ReleasedRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.redteam.campaign.CampaignRepository;
import org.redteam.problem.InvalidInputException;
import org.redteam.worker.WorkerRepository;

/**
 * The writes of one import, inside the caller's transaction. Attempts go to the database in JDBC
 * batches; a record with tags is written on its own (its tags need its id), after the pending batch
 * so that attempt ids keep the file's order — export relies on it. Targets and members are looked
 * up once each and cached. Not thread-safe; one per import.
 */
final class ImportRun {
    static final String BACKEND_KIND = "imported";
    private static final int BATCH_SIZE = 500;

    private final Handle h;
    private final DatasetRepository dataset;
    private final CampaignRepository campaigns;
    private final WorkerRepository workers;
    private final DatasetRepository.ImportTarget into;
    private final String source;
    private final Instant now;
    private final Map<String, TargetRow> stored = new HashMap<>();
    private final Map<String, Long> targets = new HashMap<>();
    private final Map<Long, Long> members = new HashMap<>();
    private final PreparedBatch pending;
    private int pendingRows;
    private int records;

    ImportRun(Handle h, DatasetRepository dataset, CampaignRepository campaigns, WorkerRepository workers,
              DatasetRepository.ImportTarget into, String source, Instant now) {
        this.h = h;
        this.dataset = dataset;
        this.campaigns = campaigns;
        this.workers = workers;
        this.into = into;
        this.source = source;
        this.now = now;
        this.pending = h.prepareBatch(DatasetRepository.INSERT_IMPORTED_ATTEMPT);
        for (TargetRow row : campaigns.targets(h, into.campaignId())) {
            stored.put(row.id(), row);
        }
    }

    void add(ReleasedRecord r) {
        long targetId = target(r);
        long workerId = members.computeIfAbsent(r.redTeamMemberId(),
                id -> workers.importedMember(h, source, id, now));
        if (r.tags() == null || r.tags().isEmpty()) {
            DatasetRepository.bindAttempt(pending, into, targetId, workerId, r, now).add();
            if (++pendingRows >= BATCH_SIZE) {
                flush();
            }
        } else {
            flush();
            long attemptId = dataset.insertImportedAttempt(h, into, targetId, workerId, r, now);
            dataset.insertTags(h, attemptId, r.tags());
        }
        records++;
    }

    /** Writes the pending batch; call once more after the last record. */
    void flush() {
        if (pendingRows > 0) {
            pending.execute();
            pendingRows = 0;
        }
    }

    int records() {
        return records;
    }

    /**
     * The target {@code model_type/num_params} of the import's campaign, created on first sight. Imported
     * targets are stored inactive: "active" means listed in the running campaign file, which they never are.
     */
    private long target(ReleasedRecord r) {
        String key = r.targetId();
        Long id = targets.get(key);
        if (id != null) {
            return id;
        }
        TargetRow row = stored.get(key);
        if (row != null) {
            if (!row.backendKind().equals(BACKEND_KIND) || !row.modelType().equals(r.modelType())
                    || !row.size().equals(r.numParams())) {
                throw new InvalidInputException("the campaign's target '" + key + "' is stored as model_type '" + row.modelType() + "', size '" + row.size() + "', backend '"
                        + row.backendKind() + "', not as an imported target; import into another campaign (--campaign NAME)");
            }
            targets.put(key, row.rowId());
            return row.rowId();
        }
        long created = campaigns.insertTarget(h, into.campaignId(), key, r.modelType(), r.numParams(), BACKEND_KIND,
                false, false);
        targets.put(key, created);
        return created;
    }
}
