package org.redteam.replay;

import java.nio.file.Path;
import org.redteam.problem.InvalidInputException;
import org.redteam.target.Target;

/** A suite's attacks as a run's work, each replayed by an {@link AttackReplayer}; the suite is read a line at a time. */
final class SuiteWork implements RunWork {
    private final Path suite;
    private final AttackReplayer replayer;
    private final String version;
    private final long attacks;

    SuiteWork(Path suite, AttackReplayer replayer) {
        this.suite = suite;
        this.replayer = replayer;
        this.version = SuiteFile.version(suite);
        this.attacks = countAttacks(suite);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public long attacks() {
        return attacks;
    }

    @Override
    public Items open() {
        SuiteFile.Reader reader = SuiteFile.open(suite);
        return new Items() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public Item next() {
                return new Replayed(reader.next());
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    private final class Replayed implements Item {
        private final Attack attack;

        Replayed(Attack attack) {
            this.attack = attack;
        }

        @Override
        public String id() {
            return attack.id();
        }

        @Override
        public ReplayResult.AttackFacts facts() {
            return ReplayResult.AttackFacts.of(attack);
        }

        @Override
        public ReplayResult run(Target target) {
            return replayer.replay(version, attack, target);
        }
    }

    private static long countAttacks(Path suite) {
        long n = 0;
        try (SuiteFile.Reader reader = SuiteFile.open(suite)) {
            for (; reader.hasNext(); reader.next()) {
                n++;
            }
        }
        if (n == 0) {
            throw new InvalidInputException(suite + " has no attack");
        }
        return n;
    }

}
