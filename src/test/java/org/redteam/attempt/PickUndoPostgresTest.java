package org.redteam.attempt;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link PickUndoTest}, on a fresh database of the embedded PostgreSQL. */
class PickUndoPostgresTest extends PickUndoTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
