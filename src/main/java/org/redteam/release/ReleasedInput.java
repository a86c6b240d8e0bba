package org.redteam.release;

import org.redteam.release.ReleasedReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Recognises how a data file is stored before any of it is parsed: gzip by its magic bytes
 * {@code 1f 8b}, the layout by the first character after blanks (and a UTF-8 byte order mark):
 * {@code [} for ONE JSON array, <code>{</code> for JSON Lines.
 */
final class ReleasedInput {
    /** Longest run of leading blanks looked through to find the first character. */
    private static final int PEEK_LIMIT = 1 << 20;
    private static final int BUFFER = 1 << 16;

    /** The decompressed text (positioned at its start) and what was recognised. */
    record Sniffed(InputStream text, ReleasedReader.Layout layout, boolean gzip) {
    }

    private ReleasedInput() {
    }

    static Sniffed sniff(InputStream raw, String fileName) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        boolean gzip = startsWithGzipMagic(buffered);
        BufferedInputStream text = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
        return new Sniffed(text, layoutOf(text, fileName), gzip);
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static ReleasedReader.Layout layoutOf(BufferedInputStream in, String fileName) throws IOException {
        in.mark(PEEK_LIMIT);
        int b;
        int read = 0;
        do {
            b = in.read();
            read++;
        } while (b != -1 && read < PEEK_LIMIT && (isJsonBlank(b) || (read <= 3 && isByteOrderMark(b))));
        in.reset();
        if (b == '[') {
            return ReleasedReader.Layout.JSON_ARRAY;
        }
        if (b == '{') {
            return ReleasedReader.Layout.JSON_LINES;
        }
        String found = b == -1 ? "the file is empty"
                : b < 0x20 || b > 0x7e ? String.format("starts with the byte 0x%02x", b) : "starts with '" + (char) b + "'";
        throw new DatasetFormatException(fileName + ": " + found
                + "; expected the released format: a JSON array of records ('[') or JSON Lines, one record per line ('{')");
    }

    private static boolean isJsonBlank(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isByteOrderMark(int b) {
        return b == 0xEF || b == 0xBB || b == 0xBF;
    }
}
