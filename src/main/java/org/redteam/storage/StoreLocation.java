package org.redteam.storage;

import java.nio.file.Path;
import org.redteam.problem.InvalidInputException;

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

    /** The URL without a password, for messages. */
    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
