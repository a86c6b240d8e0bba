package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR | --db JDBC_URL}, shared by every command that opens the store. A command that only uses a
 * store asks for {@link #existing()} (exit 4 "no store at DIR" when it is not there); only {@code serve},
 * {@code users add} and {@code import} may create one ({@link #orNew()}).
 */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of the embedded SQLite store (default: ./" + StoreLocation.DEFAULT_DIRECTORY + ").")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "A JDBC URL instead of --data, e.g. jdbc:postgresql://host/db?user=u&password=p.")
    String db;

    /** The store, which must exist. */
    StoreLocation existing() {
        return StoreLocation.of(data, db).existing();
    }

    /** The store, created when it is not there yet. */
    StoreLocation orNew() {
        return StoreLocation.of(data, db);
    }

    /** As {@link #orNew()}, saying on {@code notes} when a new store will be created. */
    StoreLocation orNew(PrintWriter notes) {
        StoreLocation location = orNew();
        if (!location.exists()) {
            notes.printf("note: no store at %s yet; creating a new one%n", location.description());
            notes.flush();
        }
        return location;
    }
}
