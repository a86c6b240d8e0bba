package org.redteam.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code redteam judge …}: automatic harm verdicts and their accuracy against people (docs/judges.md). */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judge attempts automatically, train and evaluate judges, and calibrate them against people.",
        subcommands = {JudgeRunCommand.class, JudgeCalibrateCommand.class, JudgeTrainCommand.class, JudgeEvalCommand.class})
final class JudgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
