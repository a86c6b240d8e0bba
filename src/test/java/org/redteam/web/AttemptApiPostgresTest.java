package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link AttemptApiTest}, on a fresh database of the embedded PostgreSQL. */
class AttemptApiPostgresTest extends AttemptApiTest {
    private StoreLocation database;

    @Override
    StoreLocation store() {
        if (database == null) {
            database = Postgres.freshDatabase();
        }
        return database;
    }
}
