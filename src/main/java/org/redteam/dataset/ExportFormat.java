package org.redteam.dataset;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.redteam.problem.InvalidInputException;

/** What {@code redteam export} writes; the layouts are documented in docs/data-formats.md. */
public enum ExportFormat {
    /** The release's own layout: ONE JSON array of records, indented by two spaces. */
    ANTHROPIC("anthropic", Kind.RELEASED),
    /** The same records, one JSON object per line. */
    JSONL("jsonl", Kind.RELEASED),
    /** hh-rlhf {@code harmless-base} lines: {@code {"chosen", "rejected"}}, whole transcripts; chosen = less harmful. */
    HH_PAIRS("hh-pairs", Kind.PAIRS),
    /** {@code {"prompt", "chosen", "rejected"}} lines for DPO trainers; chosen = less harmful. */
    DPO("dpo", Kind.PAIRS),
    /** CSV, one row per answered review (annotation); see {@link ReviewsCsvWriter#HEADER}. */
    REVIEWS("reviews", Kind.REVIEWS),
    /** JSON Lines, one line per attempt × judge with its turn verdicts; see {@link VerdictsWriter}. */
    VERDICTS("verdicts", Kind.VERDICTS),
    /** CSV, one row per paid worker of a campaign in a {@link PaymentsExport.Layout}; needs the campaign's {@code pay:}. */
    PAYMENTS("payments", Kind.PAYMENTS);

    /** What one written line or element stands for. */
    public enum Kind {
        /** One released record per submitted attempt. */
        RELEASED,
        /** One preference pair per picked turn of a platform attempt. */
        PAIRS,
        /** One CSV row per answered review. */
        REVIEWS,
        /** One JSON line per attempt × judge. */
        VERDICTS,
        /** One CSV row per worker: sets, minutes on task, amount owed. */
        PAYMENTS
    }

    private final String label;
    private final Kind kind;

    ExportFormat(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** True for the released record formats (one line or element per attempt). */
    public boolean released() {
        return kind == Kind.RELEASED;
    }

    public static ExportFormat parse(String text) {
        for (ExportFormat f : values()) {
            if (f.label.equals(text)) {
                return f;
            }
        }
        throw new InvalidInputException("--format: unknown format '" + text + "'; use one of "
                + Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
