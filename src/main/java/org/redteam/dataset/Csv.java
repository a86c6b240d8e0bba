package org.redteam.dataset;

/** RFC 4180 fields, for every CSV the platform writes (the reviews export, the analysis tables). */
public final class Csv {
    private Csv() {
    }

    /** The field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
