package org.redteam.release;

import org.redteam.release.ReleasedRecord;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.ContentReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Streams the records of a file in the released format, one at a time; memory does not grow with
 * the file. Accepts the release's own layout (ONE JSON array of records) and JSON Lines (one object
 * per line), each plain or gzip-compressed: gzip is recognised by its magic bytes, the layout by the
 * first non-blank character ({@code [} or <code>{</code>). Every failure is a
 * {@link DatasetFormatException} naming the file, the record (1-based), the line and the field.
 */
public final class ReleasedReader implements AutoCloseable {
    /** How the records are laid out in the file. */
    public enum Layout { JSON_ARRAY, JSON_LINES }

    private final String fileName;
    private final InputStream in;
    private final Layout layout;
    private final boolean gzip;
    private final RecordParser records = new RecordParser();
    private JsonParser array;
    /** JSON Lines: the decoder of each line, and the bytes of the line being read. */
    private CharsetDecoder utf8;
    private byte[] line = new byte[1 << 12];
    /** JSON Lines: the text read ahead, and where the next byte is in it. */
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLength;
    private long lineNumber;
    private int returned;
    private boolean done;
    private boolean afterArray;

    private ReleasedReader(String fileName, InputStream in, Layout layout, boolean gzip) throws IOException {
        this.fileName = fileName;
        this.in = in;
        this.layout = layout;
        this.gzip = gzip;
        if (layout == Layout.JSON_ARRAY) {
            array = ReleasedJson.FACTORY.createParser(in);
            array.nextToken();
        } else {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
    }

    public static ReleasedReader open(Path file) {
        try {
            return open(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new DatasetFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code raw} (the file's bytes, which this reader closes); {@code fileName} is for messages. */
    public static ReleasedReader open(InputStream raw, String fileName) {
        try {
            ReleasedInput.Sniffed input = ReleasedInput.sniff(raw, fileName);
            return new ReleasedReader(fileName, input.text(), input.layout(), input.gzip());
        } catch (DatasetFormatException e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            throw new DatasetFormatException(fileName + ": cannot read the start of the file (" + e.getMessage() + ")", e);
        }
    }

    public Layout layout() {
        return layout;
    }

    public boolean gzip() {
        return gzip;
    }

    /** Records returned so far. */
    public int recordsRead() {
        return returned;
    }

    /** The next record, or empty at the end of the file. */
    public Optional<ReleasedRecord> next() {
        if (done) {
            return Optional.empty();
        }
        try {
            Optional<ReleasedRecord> next = layout == Layout.JSON_ARRAY ? nextInArray() : nextLine();
            done = next.isEmpty();
            next.ifPresent(r -> returned++);
            return next;
        } catch (RecordParser.Problem p) {
            throw new DatasetFormatException(where(p.location, !afterArray) + fieldPart(p.field) + p.getMessage());
        } catch (JsonProcessingException e) {
            // A broken limit (StreamConstraintsException: a number over 1000 digits) has no location of its own.
            JsonLocation at = e.getLocation() != null || array == null ? e.getLocation() : array.currentLocation();
            throw new DatasetFormatException(where(at, !afterArray) + fieldPart(records.field())
                    + "broken JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DatasetFormatException(where(array == null ? null : array.currentLocation(), true)
                    + fieldPart(records.field()) + "the data ends early or cannot be read"
                    + (gzip ? " (truncated or corrupt gzip?)" : "") + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    private Optional<ReleasedRecord> nextInArray() throws IOException, RecordParser.Problem {
        JsonToken token = array.nextToken();
        if (token == JsonToken.END_ARRAY) {
            afterArray = true;
            if (array.nextToken() != null) {
                throw new RecordParser.Problem(null, array.currentTokenLocation(), "unexpected content after the closing ']'");
            }
            return Optional.empty();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new RecordParser.Problem(null, array.currentTokenLocation(), "expected a record (a JSON object), got " + token);
        }
        return Optional.of(records.parse(array));
    }

    private Optional<ReleasedRecord> nextLine() throws IOException, RecordParser.Problem {
        String line;
        do {
            lineNumber++;
            line = readLine();
            if (line == null) {
                return Optional.empty();
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
        } while (line.isBlank());
        try (JsonParser p = ReleasedJson.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordParser.Problem(null, p.currentTokenLocation(),
                        "expected a record (a JSON object) on this line, got " + p.currentToken());
            }
            ReleasedRecord record = records.parse(p);
            if (p.nextToken() != null) {
                throw new RecordParser.Problem(null, p.currentTokenLocation(),
                        "unexpected content after the record; JSON Lines has one record per line");
            }
            return Optional.of(record);
        }
    }

    /**
     * The next line (ended by LF, CR or CRLF, as {@code BufferedReader} ends them), decoded strictly as
     * UTF-8 on its own so that a bad byte is reported at its own line, and within the record's field;
     * null at the end of the file.
     */
    private String readLine() throws IOException, RecordParser.Problem {
        int length = 0;
        int b;
        while ((b = readByte()) != -1 && b != '\n' && b != '\r') {
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
        }
        if (b == -1 && length == 0) {
            return null;
        }
        if (b == '\r' && readByte() != '\n') {
            chunkPos--;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        CoderResult result = utf8.reset().decode(bytes, chars, true);
        if (!result.isError()) {
            result = utf8.flush(chars);
        }
        if (result.isError()) {
            throw notUtf8(chars.flip().toString(), bytes.position());
        }
        return chars.flip().toString();
    }

    /** The next byte of the text, or -1 at its end. {@code chunkPos--} right after it steps back over it. */
    private int readByte() throws IOException {
        if (chunkPos == chunkLength) {
            int n = in.read(chunk, 0, chunk.length);
            if (n <= 0) {
                return -1;
            }
            chunkPos = 0;
            chunkLength = n;
        }
        return chunk[chunkPos++] & 0xff;
    }

    /** The line is not UTF-8 at byte {@code at}; {@code before} is the text before it, read to find the field. */
    private RecordParser.Problem notUtf8(String before, int at) {
        String field = null;
        try (JsonParser p = ReleasedJson.FACTORY.createParser(before)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                records.parse(p);
            }
        } catch (IOException | RecordParser.Problem expected) {
            field = records.field();
        }
        return new RecordParser.Problem(field, new JsonLocation(ContentReference.unknown(), at, before.length(),
                (int) Math.min(lineNumber, Integer.MAX_VALUE), before.length() + 1),
                String.format("not valid UTF-8 (byte 0x%02x); JSON Lines must be UTF-8", line[at] & 0xff));
    }

    /**
     * "FILE: record R, line L, column C: " for the record being read (R = records returned + 1); the
     * line is counted in the file for JSON Lines and by the parser for arrays.
     */
    private String where(JsonLocation location, boolean inRecord) {
        StringBuilder s = new StringBuilder(fileName).append(":");
        if (inRecord) {
            s.append(" record ").append(returned + 1).append(",");
        }
        if (layout == Layout.JSON_LINES) {
            s.append(" line ").append(lineNumber);
            if (location != null && location.getColumnNr() > 0) {
                s.append(", column ").append(location.getColumnNr());
            }
        } else if (location != null && location.getLineNr() > 0) {
            s.append(" line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        if (s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
        return s.append(": ").toString();
    }

    /** Names the field; an unknown key is data, so a long one is cut short. */
    private static String fieldPart(String field) {
        if (field == null) {
            return "";
        }
        return "field \"" + (field.length() > 60 ? field.substring(0, 60) + "…" : field) + "\": ";
    }

    @Override
    public void close() {
        try {
            if (array != null) {
                array.close();
            }
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + fileName, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }
}
