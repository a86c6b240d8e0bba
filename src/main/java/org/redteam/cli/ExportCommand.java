package org.redteam.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.dataset.Csv;
import org.redteam.dataset.ExportFormat;
import org.redteam.dataset.ExportService;
import org.redteam.dataset.PaymentsExport;
import org.redteam.problem.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam export --format F --out FILE}: submitted attempts as released records or preference pairs, or reviews. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Export submitted attempts (imported and platform ones, in id order; open attempts never), or their reviews.",
            "%nFormats:",
            "  anthropic  ONE JSON array of records, indented by two spaces, exactly like the release: keys "
                + "transcript, min_harmlessness_score_transcript, num_params, model_type, rating, task_description, "
                + "task_descripton_harmlessness_score (sic), red_team_member_id, is_upworker, tags. rating is a float; "
                + "demo targets' model_type ends in \" (demo)\"; tags: the imported tags, then those of the answered reviews "
                + "(task order, duplicates kept); null when the attempt has neither an imported tag list nor an answered review.",
            "  jsonl      the same records, one JSON object per line.",
            "  hh-pairs   one line per picked turn of platform attempts, like hh-rlhf harmless-base: "
                + "{\"chosen\": C + \"\\n\\nAssistant: \" + LESS, \"rejected\": C + \"\\n\\nAssistant: \" + MORE}, "
                + "where C is the conversation before the turn (human messages and the responses picked as more "
                + "harmful) followed by \"\\n\\nHuman: \" + the turn's message, LESS/MORE the less/more harmful "
                + "candidate of the turn.",
            "  dpo        one line per picked turn: {\"prompt\": C + \"\\n\\nAssistant:\", \"chosen\": \" \" + LESS, "
                + "\"rejected\": \" \" + MORE}; prompt + chosen is the hh-pairs chosen text.",
            "  reviews    CSV (RFC 4180), one row per answered review, in attempt then task order, with the header "
                + "attempt_id,task_id,reviewer,rating,tags,note,seconds_spent,finished_at,red_team_rating,target,model_type,size; "
                + "reviewer is reviewer-<worker id>, tags are joined by |, finished_at is ISO-8601 UTC; a text cell "
                + "starting with =, +, -, @, tab or CR gets a leading ' so spreadsheets do not run it as a formula "
                + "(numbers never; --raw-csv turns this off).",
            "  verdicts   one line per attempt × judge: {attempt_id, target_id, judge_id, judge_version, outcome, score, "
                + "tags, rationale, judged_at, turns: [{index, outcome, score, tags, rationale}]}; outcome is HARMFUL, "
                + "NOT_HARMFUL or UNDETERMINED, score in [0, 1] or null, judged_at ISO-8601 UTC (docs/judges.md).",
            "  payments   CSV, one row per worker of the campaign named in --config (needs its pay: block): sets "
                + "finished, minutes on task (idle gaps over 5 minutes not counted), amount = per_set x sets + per_hour "
                + "x minutes / 60 rounded half-even to cents; --payments-layout full (worker_id,external_id,name,sets,"
                + "minutes,amount,currency), prolific (participant_id,amount) or mturk (WorkerId,BonusAmount,Reason).",
            "%nThe file is written under a temporary name beside FILE and moved into place when complete; "
                + "a FILE ending in .gz is gzip-compressed. See docs/data-formats.md."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "anthropic, jsonl, hh-pairs, dpo, reviews, verdicts or payments (see above).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write; replaced if it exists.")
    Path out;

    @Option(names = "--scrub-pii", description = "Replace personal data (emails, phone numbers, street addresses, IP "
            + "addresses, Luhn-valid card numbers, SSNs, URLs with user info) in transcripts, task descriptions, pair "
            + "texts and review notes with [EMAIL], [PHONE], [ADDRESS], [IP], [CARD], [SSN], [URL]; number red team "
            + "members (red_team_member_id) and reviewers (reviewer-N) 1, 2, 3, ... in order of first appearance in "
            + "this export. See docs/data-formats.md.")
    boolean scrubPii;

    @Option(names = "--datasheet", description = "Also write FILE.datasheet.md: a datasheet (Gebru et al.) of the "
            + "export filled from the store (campaigns, counts, targets, ratings, dates, reviews, scoring, "
            + "preprocessing, sha256 of FILE), with a content warning.")
    boolean datasheet;

    @Option(names = "--raw-csv", description = "reviews: write text cells as they are, without the ' that keeps a "
            + "spreadsheet from evaluating a cell starting with =, +, -, @, tab or CR as a formula.")
    boolean rawCsv;

    @Option(names = "--include-automated", description = "anthropic, jsonl: also write the automated attempts (the "
            + "conversations of automation workers through /v1/chat/completions) after the others: red_team_member_id "
            + "the automation worker (numbered like members with --scrub-pii), model_type and num_params from the target, "
            + "rating 0, empty task_description, null scores and tags, is_upworker false. Off by default.")
    boolean includeAutomated;

    @Option(names = "--config", paramLabel = "FILE", description = "payments: the campaign file whose pay: block and "
            + "name: (the stored campaign) the amounts come from.")
    Path config;

    @Option(names = "--payments-layout", paramLabel = "LAYOUT", defaultValue = "full", description = "payments: full "
            + "(default), prolific (Prolific's bulk bonus) or mturk (MTurk's bonus); the last two leave out workers "
            + "without an external id or with nothing owed.")
    String paymentsLayout;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExportFormat parsed = ExportFormat.parse(format);
        if (parsed == ExportFormat.PAYMENTS) {
            return payments();
        }
        try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
            ExportService.Result result = app.exports()
                    .export(parsed, out, new ExportService.Options(scrubPii, datasheet, rawCsv ? Csv.TextCells.RAW : Csv.TextCells.NEUTRALISED,
                            includeAutomated));
            switch (parsed.kind()) {
                case RELEASED -> spec.commandLine().getOut().printf("exported %d attempts to %s%n", result.attempts(), out);
                case PAIRS -> spec.commandLine().getOut().printf("exported %d pairs from %d attempts to %s%n",
                        result.written(), result.attempts(), out);
                case REVIEWS -> spec.commandLine().getOut().printf("exported %d reviews of %d attempts to %s%n",
                        result.written(), result.attempts(), out);
                case VERDICTS -> spec.commandLine().getOut().printf("exported %d verdicts of %d attempts to %s%n",
                        result.written(), result.attempts(), out);
            }
            if (scrubPii) {
                ExportService.Scrubbing s = app.exports().lastScrubbing();
                spec.commandLine().getOut().printf("scrubbed: %s; pseudonyms: %d members, %d reviewers%n",
                        s.replaced().isEmpty() ? "nothing found" : new java.util.TreeMap<>(s.replaced()).toString(),
                        s.members(), s.reviewers());
            }
            if (datasheet) {
                spec.commandLine().getOut().printf("datasheet: %s%n", ExportService.datasheetPath(out));
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private int payments() {
        PaymentsExport.Layout layout = PaymentsExport.Layout.parse(paymentsLayout);
        if (config == null) {
            throw new InvalidInputException("--format payments needs --config FILE: the campaign file with the pay: block");
        }
        if (scrubPii || datasheet || includeAutomated) {
            throw new InvalidInputException("--scrub-pii, --datasheet and --include-automated do not apply to --format payments");
        }
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        if (!campaign.pay().configured()) {
            throw new InvalidInputException(config + ": pay: has neither per_set nor per_hour; nothing to pay");
        }
        try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
            PaymentsExport.Result result = PaymentsExport.write(app.payments(campaign.name(), campaign.pay()).report(), layout,
                    rawCsv ? Csv.TextCells.RAW : Csv.TextCells.NEUTRALISED, out);
            spec.commandLine().getOut().printf("exported payments of %d workers to %s%s%n", result.written(), out,
                    result.leftOut() == 0 ? "" : " (left out " + result.leftOut() + " without an external id or amount)");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
