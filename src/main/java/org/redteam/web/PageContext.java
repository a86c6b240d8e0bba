package org.redteam.web;

import java.util.Optional;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** What every page's layout needs: who is signed in and the CSRF token their forms echo. */
public record PageContext(Optional<Worker> worker, String csrfToken) {

    public boolean signedIn() {
        return worker.isPresent();
    }

    public boolean admin() {
        return worker.map(w -> w.has(Role.ADMIN)).orElse(false);
    }

    public boolean reviewer() {
        return worker.map(w -> w.has(Role.REVIEWER)).orElse(false);
    }

    public String workerName() {
        return worker.map(Worker::name).orElse("");
    }
}
