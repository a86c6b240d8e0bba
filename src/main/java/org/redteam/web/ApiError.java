package org.redteam.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * The body of every JSON API failure: what failed and where. {@code incident}, only on a failed model
 * call, is the code under which admins find the details the red teamer is not shown.
 */
record ApiError(String error, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> incident) {
    ApiError(String error) {
        this(error, Optional.empty());
    }
}
