package org.redteam.web;

/** The body of every JSON API failure: what failed and where. */
record ApiError(String error) {
}
