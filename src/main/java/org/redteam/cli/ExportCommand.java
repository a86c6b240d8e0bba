package org.redteam.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.dataset.ExportFormat;
import org.redteam.dataset.ExportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam export --format F --out FILE}: submitted attempts as released records or preference pairs. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Export submitted attempts (imported and platform ones, in id order; open attempts never).",
            "%nFormats:",
            "  anthropic  ONE JSON array of records, indented by two spaces, exactly like the release: keys "
                + "transcript, min_harmlessness_score_transcript, num_params, model_type, rating, task_description, "
                + "task_descripton_harmlessness_score (sic), red_team_member_id, is_upworker, tags. rating is a float; "
                + "demo targets' model_type ends in \" (demo)\"; tags null unless the attempt has a tag list.",
            "  jsonl      the same records, one JSON object per line.",
            "  hh-pairs   one line per picked turn of platform attempts, like hh-rlhf harmless-base: "
                + "{\"chosen\": C + \"\\n\\nAssistant: \" + LESS, \"rejected\": C + \"\\n\\nAssistant: \" + MORE}, "
                + "where C is the conversation before the turn (human messages and the responses picked as more "
                + "harmful) followed by \"\\n\\nHuman: \" + the turn's message, LESS/MORE the less/more harmful "
                + "candidate of the turn.",
            "  dpo        one line per picked turn: {\"prompt\": C + \"\\n\\nAssistant:\", \"chosen\": \" \" + LESS, "
                + "\"rejected\": \" \" + MORE}; prompt + chosen is the hh-pairs chosen text.",
            "%nThe file is written under a temporary name beside FILE and moved into place when complete; "
                + "a FILE ending in .gz is gzip-compressed. See docs/data-formats.md."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "anthropic, jsonl, hh-pairs or dpo (see above).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write; replaced if it exists.")
    Path out;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExportFormat parsed = ExportFormat.parse(format);
        try (App app = App.open(store.location(), Optional.empty(), Clock.systemUTC())) {
            ExportService.Result result = app.exports()
                    .export(parsed, out);
            if (parsed.released()) {
                spec.commandLine().getOut().printf("exported %d attempts to %s%n", result.attempts(), out);
            } else {
                spec.commandLine().getOut().printf("exported %d pairs from %d attempts to %s%n",
                        result.written(), result.attempts(), out);
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
