package org.redteam.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.storage.Database.Vendor;
import org.redteam.storage.LegacyChecksums.Change;

/**
 * A store made by the per-vendor migration files of before issue 12 (copied, unchanged, under
 * {@code src/test/resources/db/legacy-migration}) opens with the one folder, its rows intact and its history
 * valid; a history those files did not make is still refused. {@link LegacyMigrationPostgresTest} runs the
 * same tests on PostgreSQL.
 */
class LegacyMigrationTest {

    @TempDir
    Path dir;

    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    Vendor vendor() {
        return Vendor.SQLITE;
    }

    @Test
    void aStoreMadeByTheOldFilesOpensWithItsRowsAndAValidHistory() {
        StoreLocation store = store();
        migrateWithOldFiles(store, "6");
        assertThat(checksums(store)).containsAllEntriesOf(expected(Change::legacy)); // the constants are Flyway's
        Jdbi old = Jdbi.create(store.jdbcUrl());
        old.useHandle(h -> {
            h.execute("INSERT INTO campaign (name, assignment_seed, created_at) VALUES ('before', 7, 0)");
            h.execute("INSERT INTO worker (name, created_at) VALUES ('w', 0)");
            h.execute("INSERT INTO target (campaign_id, target_key, model_type, size, backend_kind, demo, active) "
                    + "VALUES (1, 'a', 'rlhf', '1B', 'demo', TRUE, TRUE)");
            h.execute("INSERT INTO attempt (campaign_id, target_id, worker_id, source, task_description, status, rating, "
                    + "is_upworker, tags_listed, created_at) VALUES (1, 1, 1, 'import', 'plan', 'submitted', 2.5, FALSE, FALSE, 0)");
            h.execute("INSERT INTO rate_limit (bucket, tokens, updated_at) VALUES ('sign-in:x', 0.25, 0)");
        });

        try (Database db = Database.open(store)) {
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SELECT name FROM campaign").mapTo(String.class).list()).containsExactly("before");
                assertThat(h.createQuery("SELECT rating FROM attempt").mapTo(Double.class).one()).isEqualTo(2.5);
                assertThat(h.createQuery("SELECT tokens FROM rate_limit").mapTo(Double.class).one()).isEqualTo(0.25);
                long next = h.createUpdate("INSERT INTO campaign (name, assignment_seed, created_at) VALUES ('after', 8, 0)")
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                assertThat(next).isEqualTo(2); // the id column still fills itself, after the old rows
            });
        }

        assertThat(checksums(store)).containsAllEntriesOf(expected(Change::current));
        assertThat(newFlyway(store).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aStoreMadeByTheOldFilesUpToV4GetsV5AndLaterFromTheOneFolder() {
        StoreLocation store = store();
        migrateWithOldFiles(store, "4");
        Jdbi.create(store.jdbcUrl()).useHandle(h -> {
            h.execute("INSERT INTO campaign (name, assignment_seed, created_at) VALUES ('c', 1, 0)");
            h.execute("INSERT INTO worker (name, created_at) VALUES ('w', 0)");
            h.execute("INSERT INTO target (campaign_id, target_key, model_type, size, backend_kind, demo, active) "
                    + "VALUES (1, 'a', 'rlhf', '1B', 'demo', TRUE, TRUE)");
            h.execute("INSERT INTO attempt (campaign_id, target_id, worker_id, assignment_seq, source, task_description, "
                    + "status, is_upworker, tags_listed, created_at) VALUES (1, 1, 1, 0, 'platform', 'plan', 'open', FALSE, FALSE, 0)");
        });

        try (Database db = Database.open(store)) {
            int counted = db.jdbi().withHandle(h -> h.createQuery("SELECT platform_attempts FROM target").mapTo(Integer.class).one());
            assertThat(counted).isEqualTo(1);
        }

        assertThat(checksums(store)).containsKeys("1", "2", "3", "4", "5", "6")
                .containsAllEntriesOf(expected(Change::current));
        assertThat(newFlyway(store).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aHistoryTheOldFilesDidNotMakeIsRefusedAndLeftAsItWas() {
        StoreLocation store = store();
        migrateWithOldFiles(store, "6");
        Jdbi.create(store.jdbcUrl()).useHandle(h -> h.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'"));
        Map<String, Integer> before = checksums(store);

        assertThatThrownBy(() -> Database.open(store)).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining("12345");

        assertThat(checksums(store)).isEqualTo(before); // not even the versions whose old checksum it holds
    }

    private void migrateWithOldFiles(StoreLocation store, String target) {
        Flyway.configure().dataSource(store.jdbcUrl(), null, null)
                .locations("classpath:db/legacy-migration/" + vendor().name().toLowerCase(Locale.ROOT))
                .target(target).load().migrate();
    }

    private Flyway newFlyway(StoreLocation store) {
        return Migrations.flyway(vendor()).dataSource(store.jdbcUrl(), null, null).load();
    }

    private Map<String, Integer> expected(java.util.function.ToIntFunction<Change> checksum) {
        return LegacyChecksums.CHANGES.stream().filter(c -> c.vendor() == vendor())
                .collect(Collectors.toMap(Change::version, checksum::applyAsInt));
    }

    private static Map<String, Integer> checksums(StoreLocation store) {
        return Jdbi.create(store.jdbcUrl()).withHandle(h -> h.createQuery(
                        "SELECT version, checksum FROM flyway_schema_history WHERE version IS NOT NULL")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
