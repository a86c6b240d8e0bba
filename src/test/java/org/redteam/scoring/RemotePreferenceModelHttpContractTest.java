package org.redteam.scoring;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.redteam.backend.HttpBackendContract;
import org.redteam.backend.Transport;
import org.redteam.config.RetryPolicy;
import org.redteam.testing.FakePreferenceModelServer;

/**
 * The HTTP contract over the remote preference model, against the fake served reward model. Its contract
 * (docs/preference-model-remote.md) has no retries: the model always uses RetryPolicy.NEVER, whatever the
 * contract passes, so every failure is reported at once.
 */
class RemotePreferenceModelHttpContractTest extends HttpBackendContract {

    RemotePreferenceModelHttpContractTest() {
        super(new Subject(FakePreferenceModelServer.minusLength(), "/score", "", "preference model at", "the contract",
                ScoringException.class, false));
    }

    @Override
    protected Client client(URI base, RetryPolicy retry, Duration timeout, Transport transport) {
        RemotePreferenceModel model = new RemotePreferenceModel(base, timeout, timeout, 64, Optional.of(SECRET), transport);
        return () -> model.harmlessness("\n\nHuman: hi", "Hello!");
    }
}
