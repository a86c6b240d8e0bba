package org.redteam.web;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/**
 * Every test of {@link SignInRateLimitTest} on a fresh database of the embedded PostgreSQL; the tests with
 * two servers or two limiters put both on that one database, as several {@code serve} processes would be.
 */
class SignInRateLimitPostgresTest extends SignInRateLimitTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }
}
