package org.redteam.campaign;

import org.redteam.storage.StoreLocation;
import org.redteam.testing.Postgres;

/** {@link PaymentsContract} on PostgreSQL: the same V14 migration and upsert. */
class PaymentsPostgresTest extends PaymentsContract {
    @Override
    StoreLocation store() {
        return Postgres.freshDatabase();
    }
}
