package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link ReviewApiTest}, on a fresh database of the embedded PostgreSQL. */
class ReviewApiPostgresTest extends ReviewApiTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
