package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link BackendFailureBlindnessTest}, on a fresh database of the embedded PostgreSQL. */
class BackendFailureBlindnessPostgresTest extends BackendFailureBlindnessTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
