package org.redteam.attempt;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link SignalServiceTest} (and so the migration V13), on a fresh database of the embedded PostgreSQL. */
class SignalServicePostgresTest extends SignalServiceTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
