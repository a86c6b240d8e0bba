package org.redteam.dataset;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link ImportExportRoundTripTest}, on a fresh database of the embedded PostgreSQL. */
class ImportExportRoundTripPostgresTest extends ImportExportRoundTripTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
