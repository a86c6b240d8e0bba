package org.redteam.backend;

import org.redteam.backend.demo.DemoBackend;

class DemoBackendContractTest extends ModelBackendContract {

    @Override
    protected ModelBackend backend() {
        return new DemoBackend("t/demo", 5);
    }

    @Override
    protected String expectedBackendId() {
        return "t/demo";
    }
}
