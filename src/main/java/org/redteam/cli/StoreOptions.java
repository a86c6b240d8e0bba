package org.redteam.cli;

import java.nio.file.Path;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.Option;

/** {@code --data DIR | --db JDBC_URL}, shared by every command that opens the store. */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of the embedded SQLite store (default: ./" + StoreLocation.DEFAULT_DIRECTORY + ").")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "A JDBC URL instead of --data, e.g. jdbc:postgresql://host/db?user=u&password=p.")
    String db;

    public StoreLocation location() {
        return StoreLocation.of(data, db);
    }
}
