package org.redteam.review;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link ReviewServiceTest}, on a fresh database of the embedded PostgreSQL. */
class ReviewServicePostgresTest extends ReviewServiceTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }

    @Override
    StoreLocation freshStore() {
        return Postgres.freshDatabase();
    }
}
