package org.redteam.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.redteam.problem.InvalidInputException;

/**
 * The store: a pooled DataSource, migrated with Flyway at open, wrapped in Jdbi.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (every acknowledged commit is on disk),
 * a busy timeout so the CLI can write while {@code serve} runs, and {@code BEGIN IMMEDIATE}
 * transactions so a read never has to be upgraded to a write under contention.
 */
public final class Database implements AutoCloseable {

    /** SQL dialects with their own migration folder. */
    public enum Vendor { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Vendor vendor;

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(StoreLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setPoolName("redteam");
        if (location.sqlite()) {
            createParentDirectory(location.jdbcUrl().substring("jdbc:sqlite:".length()));
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
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
        Flyway.configure().dataSource(ds)
                .locations("classpath:db/migration/" + vendor.name().toLowerCase())
                .load().migrate();
        return new Database(ds, vendor);
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

    @Override
    public void close() {
        dataSource.close();
    }
}
