package org.redteam.attack;

/**
 * The port of automated red teaming: an attacker model behind a strategy ({@code zero-shot}, {@code few-shot},
 * {@code multi-turn}; one class each, built by {@link Attackers}). Implementations are thread-safe: a run asks
 * for many attacks at once.
 */
public interface Attacker {

    /**
     * The next human message of attack {@code turn.index()}: its first when the conversation is empty, else the one
     * after the target's last reply. Never blank; a failing attacker model is a
     * {@link org.redteam.problem.BackendUnavailableException} naming the attacker.
     */
    String next(AttackTurn turn);

    /** Human turns per attack at most (1 but for {@code multi-turn}). */
    default int maxTurns() {
        return 1;
    }
}
