package org.redteam.storage;

import org.redteam.storage.Database.Vendor;
import org.redteam.testing.Postgres;

/** Every test of {@link LegacyMigrationTest}, on a fresh database of the embedded PostgreSQL. */
class LegacyMigrationPostgresTest extends LegacyMigrationTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }

    @Override
    Vendor vendor() {
        return Vendor.POSTGRESQL;
    }
}
