package org.redteam.backend.gguf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.ModelBackendContract;

class GgufContractTest extends ModelBackendContract {
    private static GgufBackend backend;

    @BeforeAll
    static void load() {
        backend = GgufBackend.create("t", GgufModels.spec(GgufModels.stories(), 16));
    }

    @AfterAll
    static void free() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected ModelBackend backend() {
        return backend;
    }

    @Override
    protected String expectedBackendId() {
        return "t/gguf:stories260K.gguf";
    }
}
