package org.redteam.dataset;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.redteam.problem.InvalidInputException;

/** What {@code redteam export} writes; the layouts are documented in docs/data-formats.md. */
public enum ExportFormat {
    /** The release's own layout: ONE JSON array of records, indented by two spaces. */
    ANTHROPIC("anthropic", true),
    /** The same records, one JSON object per line. */
    JSONL("jsonl", true),
    /** hh-rlhf {@code harmless-base} lines: {@code {"chosen", "rejected"}}, whole transcripts; chosen = less harmful. */
    HH_PAIRS("hh-pairs", false),
    /** {@code {"prompt", "chosen", "rejected"}} lines for DPO trainers; chosen = less harmful. */
    DPO("dpo", false);

    private final String label;
    private final boolean released;

    ExportFormat(String label, boolean released) {
        this.label = label;
        this.released = released;
    }

    public String label() {
        return label;
    }

    /** True for the released record formats (one line or element per attempt); false for preference pairs. */
    public boolean released() {
        return released;
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
