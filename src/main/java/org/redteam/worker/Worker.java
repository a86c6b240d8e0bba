package org.redteam.worker;

import java.util.Optional;
import java.util.Set;
import org.redteam.problem.AccessDeniedException;

/** A person who works on the platform; may hold several roles. */
public record Worker(long id, String name, Optional<String> externalId, Set<Role> roles) {

    public Worker {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** This worker, when they hold {@code role}; otherwise refused: "this needs the … role". */
    public Worker require(Role role) {
        return require(role, "this needs the " + role.label() + " role");
    }

    /** This worker, when they hold {@code role}; otherwise refused with {@code refusal}. */
    public Worker require(Role role, String refusal) {
        if (!has(role)) {
            throw new AccessDeniedException(refusal);
        }
        return this;
    }

    /** The roles as shown to people, sorted: "red-teamer, reviewer". */
    public String roleLabels() {
        return roles.stream().map(Role::label).sorted().collect(java.util.stream.Collectors.joining(", "));
    }
}
