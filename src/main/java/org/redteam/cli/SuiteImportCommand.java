package org.redteam.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.redteam.replay.ImportedAttacks;
import org.redteam.replay.JailbreakBenchAttacks;
import org.redteam.replay.SuiteSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redteam suite import}: a suite from another tool's attacks (JSONL, CSV, a JailbreakBench artifact). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Make a suite from attacks written elsewhere: --format jsonl (one object per line with 'turns' or "
                + "'prompt', optional 'id', 'tags', 'task_description'), csv (a header with a 'prompt' column; 'id', "
                + "'tags', 'category', 'task_description' used, other columns kept) or jbb (a JailbreakBench attack "
                + "artifact: each non-null jailbreaks[].prompt).",
            "Bad input is exit 3 naming the line or record and the field, and no suite is written. See docs/replay.md."})
final class SuiteImportCommand implements Callable<Integer> {

    /** The formats {@code suite import} reads. */
    enum Format { jsonl, csv, jbb }

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl, csv or jbb.")
    Format format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "SUITE.jsonl", description = "The suite to write (replaced only when complete).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SuiteSelection.Selected selected = switch (format) {
            case jsonl -> ImportedAttacks.jsonl(file);
            case csv -> ImportedAttacks.csv(file);
            case jbb -> JailbreakBenchAttacks.read(file);
        };
        return SuiteCommand.write(selected, out, spec.commandLine().getOut());
    }
}
