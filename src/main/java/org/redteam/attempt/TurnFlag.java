package org.redteam.attempt;

/** A red teamer's flag on the picked reply of turn {@code turn} (0-based): "this reply was harmful"; reason may be "". */
public record TurnFlag(int turn, String reason) {
}
