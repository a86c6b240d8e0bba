package org.redteam.replay;

import java.util.Iterator;
import org.redteam.target.Target;

/**
 * What a {@link ReplayRun} goes through: attacks in order, each done against every target. A suite's replay is one
 * kind ({@link ReplayRun#run(java.nio.file.Path, java.nio.file.Path, boolean, ReplayRun.Progress)}); an attacker
 * model's automated attacks are another ({@code attack}).
 */
public interface RunWork {

    /** Names what the run does: run.json's {@code suite} and every result's suite version; a resume refuses another. */
    String version();

    /** How many attacks {@link #open} gives, at least one. */
    long attacks();

    /** The attacks in order, read once; closed by the run. */
    Items open();

    /** An open sequence of attacks. */
    interface Items extends Iterator<Item>, AutoCloseable {
        @Override
        void close();
    }

    /** One attack: its id, its facts (for an error result) and how it is done against one target. */
    interface Item {
        String id();

        ReplayResult.AttackFacts facts();

        /**
         * The result against {@code target}; a backend's failure ends as the result's error. Thread-safe: items run
         * at once.
         */
        ReplayResult run(Target target);
    }
}
