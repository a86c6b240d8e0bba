package org.redteam.demographics;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link DemographicsTest} (V15's tables included), on a fresh database of the embedded PostgreSQL. */
class DemographicsPostgresTest extends DemographicsTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
