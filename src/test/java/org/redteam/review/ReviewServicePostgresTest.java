package org.redteam.review;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link ReviewServiceTest}, on a fresh database of the embedded PostgreSQL. */
class ReviewServicePostgresTest extends ReviewServiceTest {
    private StoreLocation database;

    @Override
    StoreLocation store() {
        if (database == null) {
            database = Postgres.freshDatabase();
        }
        return database;
    }

    @Override
    StoreLocation freshStore() {
        return Postgres.freshDatabase();
    }
}
