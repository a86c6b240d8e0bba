package org.redteam.worker;

/** A web session as stored: whose it is and the CSRF token its forms must echo. */
public record Session(Worker worker, String csrfToken) {
}
