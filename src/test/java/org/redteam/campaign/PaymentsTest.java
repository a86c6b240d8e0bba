package org.redteam.campaign;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.storage.StoreLocation;

/** {@link PaymentsContract} on SQLite. */
class PaymentsTest extends PaymentsContract {
    @TempDir
    Path dir;

    @Override
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }
}
