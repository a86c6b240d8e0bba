package org.redteam.replay;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link StoreAttacksTest}, on a fresh database of the embedded PostgreSQL. */
class StoreAttacksPostgresTest extends StoreAttacksTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
