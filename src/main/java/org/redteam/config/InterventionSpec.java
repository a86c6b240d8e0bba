package org.redteam.config;

/**
 * One safety intervention around a target's backend, parsed from {@code interventions: [{kind: …}]}.
 * No intervention kinds exist yet; the config loader rejects any entry by name, so a campaign file
 * written for a later version fails clearly instead of silently attacking an unwrapped model.
 */
public interface InterventionSpec {

    /** The {@code kind} string of the config file. */
    String kind();
}
