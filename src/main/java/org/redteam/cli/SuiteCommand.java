package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.redteam.replay.SuiteFile;
import org.redteam.replay.SuiteSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code redteam suite …}: frozen lists of human attacks to replay against new targets (docs/replay.md). */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Make attack suites: frozen lists of human attacks (human turns only) to replay against targets.",
        subcommands = {SuiteCreateCommand.class, SuiteImportCommand.class})
final class SuiteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Writes the kept attacks to {@code out} (nothing on a failure) and prints the summary, {@code attacks: N} last. */
    static int write(SuiteSelection.Selected selected, Path out, PrintWriter print) {
        SuiteFile.write(out, selected.attacks().iterator());
        print.println("suite: " + out + " (version " + SuiteFile.version(out) + ")");
        selected.summary().lines().forEach(print::println);
        print.flush();
        return 0;
    }
}
