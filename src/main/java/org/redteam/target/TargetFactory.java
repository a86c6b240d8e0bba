package org.redteam.target;

import org.redteam.backend.ModelBackend;
import org.redteam.backend.demo.DemoBackend;
import org.redteam.config.BackendSpec;
import org.redteam.config.TargetConfig;

/** The one place that turns a target's configuration into a working backend. */
public final class TargetFactory {

    /** Builds the backend of one target from its spec. */
    @FunctionalInterface
    public interface Backends {
        ModelBackend create(String targetId, BackendSpec spec);
    }

    private final Backends backends;

    /** The real backends. */
    public TargetFactory() {
        this(TargetFactory::standard);
    }

    /** Other backends, e.g. scripted ones in tests. */
    public TargetFactory(Backends backends) {
        this.backends = backends;
    }

    public Target create(long id, TargetConfig config) {
        return new Target(id, config.id(), config.modelType(), config.size(), config.backend().kind(),
                config.backend().demo(), backends.create(config.id(), config.backend()));
    }

    /** One line per backend kind. */
    static ModelBackend standard(String targetId, BackendSpec spec) {
        if (spec instanceof BackendSpec.Demo demo) {
            return new DemoBackend(targetId + "/demo", demo.seed());
        }
        throw new IllegalStateException("no backend is wired for kind '" + spec.kind() + "'");
    }
}
