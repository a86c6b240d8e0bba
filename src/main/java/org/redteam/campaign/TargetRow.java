package org.redteam.campaign;

/** A target row as stored. */
public record TargetRow(long id, String key, String modelType, String size, String backendKind, boolean demo,
                        boolean active) {
}
