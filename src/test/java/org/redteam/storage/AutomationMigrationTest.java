package org.redteam.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Postgres;

/**
 * Migration V11 rebuilds worker_role with 'automation' in its CHECK (SQLite cannot alter a CHECK): a store's roles
 * survive it, the new role is taken, an unknown one is still refused; on SQLite and on PostgreSQL.
 */
class AutomationMigrationTest {

    @Test
    void sqliteKeepsEveryRoleAndTakesAutomation(@TempDir Path dir) {
        check(StoreLocation.directory(dir), Database.Vendor.SQLITE);
    }

    @Test
    void postgresKeepsEveryRoleAndTakesAutomation() {
        check(Postgres.freshDatabase(), Database.Vendor.POSTGRESQL);
    }

    private static void check(StoreLocation store, Database.Vendor vendor) {
        Migrations.flyway(vendor).dataSource(store.jdbcUrl(), null, null).target("10").load().migrate();
        Jdbi old = Jdbi.create(store.jdbcUrl());
        old.useHandle(h -> {
            h.execute("INSERT INTO worker (name, created_at) VALUES ('ann', 0), ('bo', 0)");
            h.execute("INSERT INTO worker_role (worker_id, role) VALUES (1, 'red-teamer'), (1, 'admin'), (2, 'reviewer')");
            assertThatThrownBy(() -> h.execute("INSERT INTO worker_role (worker_id, role) VALUES (2, 'automation')"))
                    .isInstanceOf(StatementException.class);
        });
        try (Database db = Database.open(store)) {
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO worker_role (worker_id, role) VALUES (2, 'automation')");
                List<String> roles = h.createQuery("SELECT worker_id || ':' || role FROM worker_role ORDER BY worker_id, role")
                        .mapTo(String.class).list();
                assertThat(roles).containsExactly("1:admin", "1:red-teamer", "2:automation", "2:reviewer");
                assertThatThrownBy(() -> h.execute("INSERT INTO worker_role (worker_id, role) VALUES (2, 'robot')"))
                        .isInstanceOf(StatementException.class);
                assertThatThrownBy(() -> h.execute("INSERT INTO worker_role (worker_id, role) VALUES (2, 'reviewer')"))
                        .isInstanceOf(StatementException.class); // the primary key came along
            });
        }
    }
}
