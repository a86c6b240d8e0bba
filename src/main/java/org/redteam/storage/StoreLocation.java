package org.redteam.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;

/**
 * Where the platform keeps its data: a directory holding the embedded SQLite file, or any JDBC URL
 * ({@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}). Shared by every command's {@code --data}/{@code --db}.
 */
public record StoreLocation(String jdbcUrl, String description) {

    public static final String DEFAULT_DIRECTORY = "redteam-data";
    static final String SQLITE_FILE = "redteam.db";

    public static StoreLocation directory(Path dir) {
        Path file = dir.toAbsolutePath().normalize().resolve(SQLITE_FILE);
        return new StoreLocation("jdbc:sqlite:" + file, file.toString());
    }

    public static StoreLocation jdbc(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new InvalidInputException("--db: '" + url + "' is not a JDBC URL; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        return new StoreLocation(url, redact(url));
    }

    /** Resolves the two mutually exclusive options; neither given means {@code ./redteam-data}. */
    public static StoreLocation of(Path dataDir, String dbUrl) {
        if (dataDir != null && dbUrl != null) {
            throw new InvalidInputException("give either --data DIR or --db JDBC_URL, not both");
        }
        if (dbUrl != null) {
            return jdbc(dbUrl);
        }
        return directory(dataDir != null ? dataDir : Path.of(DEFAULT_DIRECTORY));
    }

    boolean sqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** The SQLite database file of a plain {@code jdbc:sqlite:PATH} URL; empty for memory, {@code file:} URIs and servers. */
    public Optional<Path> sqliteFile() {
        if (!sqlite()) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:") || file.contains("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath());
    }

    /**
     * Whether there is a store to open: the SQLite file exists. A database server (PostgreSQL) is not asked here:
     * its database must exist anyway, and an empty one is migrated when opened.
     */
    public boolean exists() {
        return sqliteFile().map(Files::isRegularFile).orElse(true);
    }

    /**
     * This location, when a store is there ({@link #exists()}); otherwise a {@link NotFoundException} "no store at
     * DIR" (the directory of {@code --data DIR}, or the file of {@code --db jdbc:sqlite:FILE}).
     */
    public StoreLocation existing() {
        if (exists()) {
            return this;
        }
        Path file = sqliteFile().orElseThrow();
        String where = file.getFileName().toString().equals(SQLITE_FILE)
                ? file.getParent() + " (no " + SQLITE_FILE + " in it)" : file.toString();
        throw new NotFoundException("no store at " + where + "; check --data/--db (serve, users add and import create a "
                + "new store, the other commands only open one)");
    }

    /**
     * The lock file {@code serve} holds while it runs on this SQLite store: {@code serve.lock} beside the database
     * file. Empty where the store is not a plain file (PostgreSQL is shared by several {@code serve} processes).
     */
    public Optional<Path> serveLockFile() {
        return sqliteFile().map(f -> f.getFileName().toString().equals(SQLITE_FILE)
                ? f.resolveSibling("serve.lock") : f.resolveSibling(f.getFileName() + ".serve.lock"));
    }

    /** The URL without a password, for messages. */
    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
