package org.redteam.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.redteam.storage.Database.Vendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a store made by the per-vendor migration folders ({@code db/migration/sqlite} and
 * {@code db/migration/postgresql}, versions 1 to 6, until issue 12) open with the one folder that replaced
 * them. The new files create the same schema, but their text differs, and Flyway refuses to migrate a store
 * whose history records another checksum for a version than its file now has.
 *
 * <p>So, before Flyway runs, each history row whose version and checksum are exactly those of an old file
 * of this store's vendor is given the checksum of the new file, all in one transaction. If any changed
 * version holds a checksum of neither its old nor its new file (a store whose migrations were edited by
 * hand, or the other vendor's history), nothing is touched and Flyway refuses the store, as it always has.
 * V2 and V6 were the same text on both vendors and are unchanged, so they have no entry. The constants must
 * stay as long as a store made before issue 12 may be opened; {@code LegacyMigrationTest} checks them
 * against what Flyway records for the old files (kept under {@code src/test/resources/db/legacy-migration}).
 */
final class LegacyChecksums {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyChecksums.class);
    private static final String HISTORY = "flyway_schema_history";

    /** One changed file: the checksum Flyway recorded for the old file of {@code vendor}, and the one of the new file. */
    record Change(Vendor vendor, String version, int legacy, int current) {
    }

    static final List<Change> CHANGES = List.of(
            new Change(Vendor.SQLITE, "1", -1504665988, -358630958),
            new Change(Vendor.SQLITE, "3", -1651229089, -2053627060),
            new Change(Vendor.SQLITE, "4", -1113705550, -695815095),
            new Change(Vendor.SQLITE, "5", -55332830, -1418714077),
            new Change(Vendor.POSTGRESQL, "1", -1677424763, -358630958),
            new Change(Vendor.POSTGRESQL, "3", -400515034, -2053627060),
            new Change(Vendor.POSTGRESQL, "4", 128669132, -695815095),
            new Change(Vendor.POSTGRESQL, "5", 1423963058, -1418714077));

    private LegacyChecksums() {
    }

    /** Realigns the rows of the old files, if any; returns how many it changed (0 for a fresh or current store). */
    static int realign(DataSource dataSource, Vendor vendor) {
        try (Connection c = dataSource.getConnection()) {
            List<Change> due = due(c, vendor);
            if (due.isEmpty()) {
                return 0;
            }
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE " + HISTORY + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
                for (Change change : due) {
                    update.setInt(1, change.current());
                    update.setString(2, change.version());
                    update.setInt(3, change.legacy());
                    update.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.info("Store made by the per-vendor migration files: checksums of version(s) {} set to those of db/migration",
                    due.stream().map(Change::version).toList());
            return due.size();
        } catch (SQLException e) {
            throw new FlywayException("cannot realign the checksums of the old migration files in " + HISTORY + ": " + e.getMessage(), e);
        }
    }

    /**
     * The changes of {@code vendor} whose old checksum the history holds for their version; none without a
     * history, and none at all if a changed version holds a checksum of neither its old nor its new file.
     */
    private static List<Change> due(Connection c, Vendor vendor) throws SQLException {
        if (!hasHistory(c, vendor)) {
            return List.of();
        }
        Map<String, Integer> recorded = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT version, checksum FROM " + HISTORY + " WHERE version IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int checksum = rs.getInt(2);
                recorded.put(rs.getString(1), rs.wasNull() ? null : checksum);
            }
        }
        List<Change> due = new ArrayList<>();
        for (Change change : CHANGES) {
            if (change.vendor() != vendor || !recorded.containsKey(change.version())) {
                continue;
            }
            Integer checksum = recorded.get(change.version());
            if (Objects.equals(checksum, change.legacy())) {
                due.add(change);
            } else if (!Objects.equals(checksum, change.current())) {
                return List.of(); // not a history the old files made: Flyway's validation says what is wrong
            }
        }
        return due;
    }

    /** Whether Flyway's history table exists where Flyway looks for it: PostgreSQL's current schema, SQLite's main. */
    private static boolean hasHistory(Connection c, Vendor vendor) throws SQLException {
        String schema = vendor == Vendor.POSTGRESQL ? c.getSchema() : null;
        try (ResultSet rs = c.getMetaData().getTables(null, schema, HISTORY, null)) {
            return rs.next();
        }
    }
}
