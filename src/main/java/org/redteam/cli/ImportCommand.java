package org.redteam.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.dataset.ImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam import FILE}: a file in the released format becomes submitted attempts, all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Import red-team attempts in Anthropic's released format (red_team_attempts.jsonl): ONE JSON array "
                + "of records, or JSON Lines; plain or gzip. All records are imported in one transaction: "
                + "a bad record anywhere imports nothing. A file (its SHA-256) is imported once.",
            "Attempts are filed under the campaign --campaign, on targets named model_type/num_params; "
                + "each red_team_member_id becomes one worker of --source. See docs/data-formats.md."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import (.json, .jsonl, optionally .gz).")
    Path file;

    @Option(names = "--campaign", paramLabel = "NAME", defaultValue = ImportService.DEFAULT_CAMPAIGN,
            description = "Campaign to file the attempts under, created when missing (default: ${DEFAULT-VALUE}).")
    String campaign;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = ImportService.DEFAULT_SOURCE,
            description = "Where the members come from; the same member id of the same source is the same worker "
                    + "across imports (default: ${DEFAULT-VALUE}).")
    String source;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImportService.Options options = new ImportService.Options(campaign, source);
        PrintWriter err = spec.commandLine().getErr();
        ImportService.Result result;
        try (Store app = App.openStore(store.orNew(err), Clock.systemUTC());
             ProgressBar bar = progressBar(err, sizeOf(file))) {
            result = app.imports().importFile(file, options, bar::stepTo);
            bar.stepTo(bar.getMax());
        }
        spec.commandLine().getOut().printf("imported %d attempts from %s (batch %d)%n",
                result.records(), result.file(), result.batchId());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A bar over the file's bytes on stderr (the service reports bytes read; records are not known in advance). */
    static ProgressBar progressBar(PrintWriter err, long bytes) {
        boolean large = bytes >= 16L << 20;
        return ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("import").setInitialMax(bytes)
                .setUnit(large ? " MiB" : " KiB", large ? 1 << 20 : 1 << 10));
    }
}
