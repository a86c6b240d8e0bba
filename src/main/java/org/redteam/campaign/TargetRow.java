package org.redteam.campaign;

/** A target row as stored. */
public record TargetRow(long rowId, String id, String modelType, String size, String backendKind, boolean demo,
                        boolean active) {
}
