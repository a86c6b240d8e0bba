package org.redteam.analysis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The text of a file, read on a second thread: that thread hashes the file's bytes (SHA-256) and inflates them
 * when they are gzip (magic bytes {@code 1f 8b}), handing the text over in chunks, so that parsing on the
 * caller's thread runs beside reading, hashing and inflating. A read failure on the second thread (a truncated or
 * corrupt gzip stream) is thrown by the next {@link #read} after the text that came before it. {@link #sha256()}
 * is known once the stream has been read to its end. Not thread-safe for more than one reader.
 */
final class ReadAhead extends InputStream {
    private static final int CHUNK = 1 << 18;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private final MessageDigest digest;
    private final Thread reader;
    private volatile IOException failure;
    private volatile boolean closed;
    private volatile String sha256;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    private ReadAhead(InputStream raw, String fileName) {
        digest = sha256Digest();
        reader = new Thread(() -> pump(new DigestInputStream(raw, digest), fileName), "analyze-read-ahead");
        reader.setDaemon(true);
    }

    static ReadAhead open(Path file) throws IOException {
        ReadAhead ahead = new ReadAhead(Files.newInputStream(file), file.toString());
        ahead.reader.start();
        return ahead;
    }

    /** The SHA-256 of the file's bytes, in hex; null until the text has been read to its end. */
    String sha256() {
        return sha256;
    }

    private void pump(DigestInputStream raw, String fileName) {
        try (raw) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream text = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            try {
                while (!closed) {
                    byte[] chunk = text.readNBytes(CHUNK);
                    if (chunk.length == 0) {
                        break;
                    }
                    hand(chunk);
                }
            } catch (IOException e) {
                throw gzip ? new IOException("corrupt or truncated gzip data in " + fileName + " (" + e.getMessage() + ")", e) : e;
            }
            if (!closed) {
                raw.transferTo(OutputStream.nullOutputStream()); // bytes after the gzip stream count for the hash
                sha256 = HexFormat.of().formatHex(digest.digest());
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return;
        }
        try {
            hand(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(byte[] chunk) throws InterruptedException {
        while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            // the parser is busy; wait unless it has closed the stream
        }
    }

    private boolean fill() throws IOException {
        while (position == current.length) {
            if (ended) {
                return false;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
            position = 0;
            if (current == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
