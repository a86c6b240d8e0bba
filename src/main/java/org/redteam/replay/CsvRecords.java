package org.redteam.replay;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.redteam.problem.InvalidInputException;

/**
 * A small RFC 4180 reader: records of comma-separated cells, a cell in double quotes may hold commas, line breaks
 * and doubled quotes; CRLF or LF ends a record. Each record knows the line it starts on, for messages.
 */
final class CsvRecords {
    private final Reader in;
    private final String name;
    private int line = 1;
    private int pending = -2;

    /** One record: its cells and the 1-based line of the file it starts on. */
    record Row(List<String> cells, int line) {
        boolean blank() {
            return cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    CsvRecords(Reader in, String name) {
        this.in = in;
        this.name = name;
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of the file. */
    Row next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        int start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new InvalidInputException(name + ":" + start + ": a quoted cell is not closed before the end of the file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        pending = d;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pending = d;
                    }
                }
                if (c != -1) {
                    line++;
                }
                cells.add(cell.toString());
                return new Row(cells, start);
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (wasQuoted) {
                throw new InvalidInputException(name + ":" + line + ": text after a quoted cell's closing quote");
            } else {
                cell.append((char) c);
            }
            c = read();
        }
    }
}
