package org.redteam.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Postgres;

/**
 * The one migration folder makes the same schema on both vendors: what JDBC reports of a fresh SQLite and
 * a fresh PostgreSQL store ({@link StoreSchema}) is line for line the same. CHECK constraints are not
 * compared (JDBC does not report them); the suites that run on both stores exercise those.
 */
class SchemaAgreementTest {

    @Test
    void freshSqliteAndPostgresStoresHaveTheSameTablesColumnsKeysAndIndexes(@TempDir Path dir) throws SQLException {
        List<String> sqlite = describe(StoreLocation.directory(dir));
        List<String> postgres = describe(Postgres.freshDatabase());

        assertThat(sqlite).contains("attempt.id integer not null generated", "attempt.rating double null",
                "target.platform_attempts integer not null default 0", "rate_limit index rate_limit_updated [updated_at]");
        assertThat(postgres).containsExactlyElementsOf(sqlite);
    }

    /** The comparison is not vacuous: three slips a diverged migration could make each show as a differing line. */
    @Test
    void aStoreWhoseSchemaDivergedShowsEachDifference(@TempDir Path dir) throws SQLException {
        List<String> sqlite = describe(StoreLocation.directory(dir));
        StoreLocation diverged = Postgres.freshDatabase();
        try (Database db = Database.open(diverged)) {
            db.jdbi().useHandle(h -> {
                h.execute("ALTER TABLE rate_limit ALTER COLUMN tokens TYPE REAL"); // REAL written instead of the placeholder
                h.execute("ALTER TABLE review_task ALTER COLUMN note SET NOT NULL");
                h.execute("DROP INDEX attempt_target");
            });
        }

        List<String> postgres = describe(diverged);

        assertThat(onlyIn(sqlite, postgres)).containsExactly(
                "attempt index attempt_target [target_id]", "rate_limit.tokens double not null", "review_task.note text null");
        assertThat(onlyIn(postgres, sqlite)).containsExactly("rate_limit.tokens float4 not null", "review_task.note text not null");
    }

    private static List<String> describe(StoreLocation store) throws SQLException {
        try (Database db = Database.open(store); Handle h = db.jdbi().open()) {
            return StoreSchema.describe(h.getConnection());
        }
    }

    private static List<String> onlyIn(List<String> lines, List<String> others) {
        List<String> only = new ArrayList<>(lines);
        only.removeAll(others);
        return only;
    }
}
