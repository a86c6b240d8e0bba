package org.redteam.worker;

import java.util.Optional;
import java.util.Set;

/** A person who works on the platform; may hold several roles. */
public record Worker(long id, String name, Optional<String> externalId, Set<Role> roles) {

    public Worker {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles as shown to people, sorted: "red-teamer, reviewer". */
    public String roleLabels() {
        return roles.stream().map(Role::label).sorted().collect(java.util.stream.Collectors.joining(", "));
    }
}
