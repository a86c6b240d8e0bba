package org.redteam.judge;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link VerdictRepositoryTest}, on a fresh database of the embedded PostgreSQL. */
class VerdictRepositoryPostgresTest extends VerdictRepositoryTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
