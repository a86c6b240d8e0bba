package org.redteam.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V6 fills the per-target counters of a store that already holds attempts. */
class TargetCountMigrationTest {

    @Test
    void anOlderStoreGetsItsCountersFromItsPlatformAttempts(@TempDir Path dir) {
        StoreLocation store = StoreLocation.directory(dir);
        Migrations.flyway(Database.Vendor.SQLITE).dataSource(store.jdbcUrl(), null, null)
                .target("5").load().migrate();
        Jdbi old = Jdbi.create(store.jdbcUrl());
        old.useHandle(h -> {
            h.execute("INSERT INTO campaign (name, assignment_seed, created_at) VALUES ('c', 1, 0)");
            h.execute("INSERT INTO target (campaign_id, target_key, model_type, size, backend_kind, demo, active) "
                    + "VALUES (1, 'a', 'rlhf', '1B', 'demo', TRUE, TRUE), (1, 'b', 'rlhf', '2B', 'demo', TRUE, TRUE), "
                    + "(1, 'c', 'rlhf', '3B', 'demo', TRUE, TRUE)");
            h.execute("INSERT INTO worker (name, created_at) VALUES ('w', 0)");
            String attempt = "INSERT INTO attempt (campaign_id, target_id, worker_id, assignment_seq, source, task_description, "
                    + "status, is_upworker, tags_listed, created_at) VALUES (1, ?, 1, ?, ?, 'plan', 'open', FALSE, FALSE, 0)";
            h.execute(attempt, 1, 0, "platform");
            h.execute(attempt, 1, 1, "platform");
            h.execute(attempt, 2, 2, "platform");
            h.execute(attempt, 2, null, "import"); // imported attempts are not assignments
        });
        try (Database db = Database.open(store)) {
            Map<String, Integer> counts = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT target_key, platform_attempts FROM target ORDER BY id")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 1, "c", 0));
        }
    }
}
