package org.redteam.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.redteam.problem.InvalidInputException;

/**
 * The store: a pooled DataSource, migrated with Flyway at open, wrapped in Jdbi.
 *
 * <p>SQLite runs in WAL mode; every acknowledged commit is on disk (the log is synced after each
 * commit, by {@link WalGroupSync} for many commits at once, as {@code synchronous=FULL} would for
 * each); a busy timeout so the CLI can write while {@code serve} runs; {@code BEGIN IMMEDIATE}
 * transactions so a read never has to be upgraded to a write under contention, queued on a fair
 * lock within the process ({@link SerializedWrites}) rather than in SQLite's sleeping busy handler.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects a store can have; where their SQL differs, migrations use placeholders ({@link Migrations}). */
    public enum Vendor { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Vendor vendor;
    private final Optional<WalGroupSync> sync;

    private Database(HikariDataSource dataSource, Vendor vendor, Optional<WalGroupSync> sync) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.sync = sync;
        this.jdbi = Jdbi.create(dataSource);
        if (vendor == Vendor.SQLITE) {
            jdbi.setTransactionHandler(new SerializedWrites(jdbi.getTransactionHandler(), sync));
            sync.ifPresent(s -> jdbi.addCustomizer(new StatementCustomizer() {
                @Override
                public void afterExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
                    if (ctx.getConnection().getAutoCommit() && writes(ctx.getRawSql())) {
                        s.committedLater(); // a write outside a transaction committed on its own
                    }
                }
            }));
            // every commit of a handle is on disk before its close returns, i.e. before anyone is told
            sync.ifPresent(s -> jdbi.getConfig(org.jdbi.v3.core.Handles.class).addListener(new org.jdbi.v3.core.HandleListener() {
                @Override
                public void handleClosed(org.jdbi.v3.core.Handle handle) {
                    s.awaitPending();
                }
            }));
        }
    }

    private static boolean writes(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String verb = s.substring(0, end).toUpperCase(java.util.Locale.ROOT);
        return !verb.equals("SELECT") && !verb.equals("WITH") && !verb.equals("PRAGMA") && !verb.equals("EXPLAIN");
    }

    public static Database open(StoreLocation location) {
        Optional<WalGroupSync> sync = Optional.empty();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setPoolName("redteam");
        if (location.sqlite()) {
            createParentDirectory(location.jdbcUrl().substring("jdbc:sqlite:".length()));
            config.setMaximumPoolSize(Integer.getInteger("redteam.sqlitePool", 4));
            config.addDataSourceProperty("journal_mode", "WAL");
            // NORMAL + WalGroupSync = FULL's durability with one sync per group of commits; FULL where the file is unknown
            sync = location.sqliteFile().map(WalGroupSync::forDatabase);
            config.addDataSourceProperty("synchronous", sync.isPresent() ? "NORMAL" : "FULL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "15000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(16);
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot open the store " + location.description() + ": " + rootMessage(e), e);
        }
        Vendor vendor;
        try (Connection c = ds.getConnection()) {
            vendor = vendorOf(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            ds.close();
            throw new InvalidInputException("cannot open the store " + location.description() + ": " + e.getMessage(), e);
        }
        try {
            Migrations.migrate(ds, vendor);
        } catch (RuntimeException e) {
            ds.close(); // a store Flyway refuses is not opened; its connections are not left behind
            throw e;
        }
        sync.ifPresent(WalGroupSync::commitAndAwait); // the migrations' commits
        return new Database(ds, vendor, sync);
    }

    /** The dialect of the store behind {@code handle}, for the few statements whose SQL differs. */
    public static Vendor vendor(org.jdbi.v3.core.Handle handle) {
        try {
            return vendorOf(handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product name", e);
        }
    }

    private static Vendor vendorOf(String product) {
        String p = product.toLowerCase();
        if (p.contains("sqlite")) {
            return Vendor.SQLITE;
        }
        if (p.contains("postgres")) {
            return Vendor.POSTGRESQL;
        }
        throw new InvalidInputException("unsupported database '" + product + "': use SQLite or PostgreSQL");
    }

    private static void createParentDirectory(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file.split("\\?")[0]).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The SQLite log's group sync, if this store has one (tests and benchmarks count its syncs). */
    Optional<WalGroupSync> walSync() {
        return sync;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
