package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** Every test of {@link JudgeVerdictPagesTest}, on a fresh database of the embedded PostgreSQL. */
class JudgeVerdictPagesPostgresTest extends JudgeVerdictPagesTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
