package org.redteam.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.redteam.campaign.Payments;
import org.redteam.problem.InvalidInputException;

/**
 * {@code export --format payments}: what each worker of a campaign is owed, as CSV (RFC 4180, UTF-8, CRLF; text cells
 * through {@link Csv.TextCells}, so an external id a spreadsheet would run as a formula gets a leading {@code '}).
 * Three layouts (docs/data-formats.md): the full table, and the two a crowd platform's bulk bonus takes as they are.
 */
public final class PaymentsExport {
    private static final String EOL = "\r\n";

    /** Which columns are written. */
    public enum Layout {
        /** {@code worker_id,external_id,name,sets,minutes,amount,currency}: every worker with sets or activity. */
        FULL("full", List.of("worker_id", "external_id", "name", "sets", "minutes", "amount", "currency")),
        /** {@code participant_id,amount}: Prolific's bulk bonus; only workers with an external id and an amount > 0. */
        PROLIFIC("prolific", List.of("participant_id", "amount")),
        /** {@code WorkerId,BonusAmount,Reason}: MTurk's bonus; only workers with an external id and an amount > 0. */
        MTURK("mturk", List.of("WorkerId", "BonusAmount", "Reason"));

        private final String label;
        private final List<String> header;

        Layout(String label, List<String> header) {
            this.label = label;
            this.header = header;
        }

        public List<String> header() {
            return header;
        }

        public static Layout parse(String text) {
            for (Layout l : values()) {
                if (l.label.equals(text)) {
                    return l;
                }
            }
            throw new InvalidInputException("--payments-layout: unknown layout '" + text + "'; use full, prolific or mturk");
        }
    }

    /** Rows written, and workers left out of a bonus layout (no external id, or nothing owed). */
    public record Result(long written, long leftOut) {
    }

    private PaymentsExport() {
    }

    /** Writes the report to {@code out} through a temporary file beside it ({@code .gz}: gzip-compressed). */
    public static Result write(Payments.Report report, Layout layout, Csv.TextCells text, Path out) {
        return ExportFile.write(out, stream -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            Result result = rows(report, layout, text, writer);
            writer.flush();
            return result;
        });
    }

    private static Result rows(Payments.Report report, Layout layout, Csv.TextCells text, Writer out) throws IOException {
        row(out, layout.header().stream().map(Csv::field).toList());
        long written = 0;
        long leftOut = 0;
        String currency = report.pay().currency();
        for (Payments.WorkerPay w : report.workers()) {
            String amount = w.amount().toPlainString();
            String external = w.externalId().orElse("");
            if (layout != Layout.FULL && (external.isBlank() || w.amount().signum() == 0)) {
                leftOut++;
                continue;
            }
            row(out, switch (layout) {
                case FULL -> List.of(String.valueOf(w.workerId()), text.field(external), text.field(w.name()),
                        String.valueOf(w.sets()), String.valueOf(w.minutes()), amount, currency);
                case PROLIFIC -> List.of(text.field(external), amount);
                case MTURK -> List.of(text.field(external), amount, Csv.field("Red teaming: " + w.sets() + " sets, "
                        + w.minutes() + " minutes on task"));
            });
            written++;
        }
        return new Result(written, leftOut);
    }

    private static void row(Writer out, List<String> fields) throws IOException {
        out.write(String.join(",", fields));
        out.write(EOL);
    }
}
