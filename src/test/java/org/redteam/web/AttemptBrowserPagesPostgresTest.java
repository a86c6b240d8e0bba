package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link AttemptBrowserPagesTest}, on a fresh database of the embedded PostgreSQL. */
class AttemptBrowserPagesPostgresTest extends AttemptBrowserPagesTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
