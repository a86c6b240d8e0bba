package org.redteam.analysis.map;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Vectors on disk, one append-only file per embedder, keyed by SHA-256 of (embedder name, NUL, text).
 *
 * <p>Layout, little-endian: the 8-byte magic {@code RTEMBED1}, the dimension (int32), then records of
 * the key (the digest as four int64, 32 bytes), the vector (dimension × float32) and a CRC-32 of both
 * (int32). A file that ends inside a record, or a record whose CRC does not match, is cut back to the
 * last good record (truncated in place: every byte left is a good record) with a warning; a file with
 * a foreign header is replaced by an empty cache (written to a temporary file and moved over it). Only the vectors asked for are kept in memory, so one cache can serve many data
 * sets. A cache that cannot be written only costs speed: the build goes on in memory, with a warning.
 * Not thread-safe; an exclusive file lock guards each append against another process appending.
 */
final class EmbeddingCache {
    static final byte[] MAGIC = "RTEMBED1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + 4;

    /** A SHA-256 digest as four longs: cheap equality and hashing. */
    record Key(long a, long b, long c, long d) {
        static Key of(byte[] digest) {
            ByteBuffer buffer = ByteBuffer.wrap(digest);
            return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }

        void write(ByteBuffer out) {
            out.putLong(a).putLong(b).putLong(c).putLong(d);
        }
    }

    private final Path file;
    private final String embedder;
    private final int dimension;
    private final ProgressListener listener;
    private final Map<Key, float[]> vectors = new HashMap<>();
    private boolean writable;
    private int records;

    private EmbeddingCache(Path file, String embedder, int dimension, ProgressListener listener) {
        this.file = file;
        this.embedder = embedder;
        this.dimension = dimension;
        this.listener = listener;
    }

    /**
     * The cache of {@code embedder} in {@code dir} (created when missing), holding in memory the vectors
     * of {@code wanted} that the file has; {@code dir} null = memory only.
     */
    static EmbeddingCache open(Path dir, String embedder, int dimension, Set<Key> wanted, ProgressListener listener) {
        Path file = dir == null ? null : dir.resolve(fileName(embedder, dimension));
        EmbeddingCache cache = new EmbeddingCache(file, embedder, dimension, listener);
        if (file != null) {
            cache.load(wanted);
        }
        return cache;
    }

    static String fileName(String embedder, int dimension) {
        return "embeddings-" + embedder.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + dimension + ".bin";
    }

    /** SHA-256 of the embedder's name, a NUL byte and the text, all UTF-8. */
    static Key key(String embedder, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(embedder.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return Key.of(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The cached vector of {@code key}, or null. Callers must not modify it. */
    float[] get(Key key) {
        return vectors.get(key);
    }

    /** Adds the vectors in memory and appends them to the file. */
    void put(List<Key> keys, List<float[]> values) {
        ByteBuffer out = ByteBuffer.allocate(keys.size() * recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < keys.size(); i++) {
            float[] v = values.get(i);
            if (v.length != dimension) {
                throw new IllegalArgumentException("embedder " + embedder + " returned " + v.length
                        + " dimensions, expected " + dimension);
            }
            vectors.put(keys.get(i), v);
            writeRecord(out, keys.get(i), v);
        }
        if (!writable) {
            return;
        }
        out.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            FileLock lock = channel.lock();
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            writable = false;
            listener.warning("cannot write the embedding cache " + file + " (" + e.getMessage()
                    + "); going on without it");
        }
    }

    private int recordBytes() {
        return 32 + 4 * dimension + 4;
    }

    private void writeRecord(ByteBuffer out, Key key, float[] v) {
        int start = out.position();
        key.write(out);
        for (float x : v) {
            out.putFloat(x);
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), start, out.position() - start);
        out.putInt((int) crc.getValue());
    }

    private void load(Set<Key> wanted) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                createEmpty();
                return;
            }
            long good = read(wanted);
            long size = Files.size(file);
            if (good == 0) {
                listener.warning("embedding cache " + file + " does not start with the header of a cache of "
                        + dimension + "-d vectors; starting a new one");
                createEmpty();
            } else if (good < size) {
                listener.warning("embedding cache " + file + " is damaged after " + records + " vectors ("
                        + (size - good) + " bytes unreadable, e.g. a truncated write); keeping those "
                        + records + " and embedding the rest again");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(good);
                }
                writable = true;
            } else {
                writable = true;
            }
        } catch (IOException e) {
            listener.warning("cannot use the embedding cache " + file + " (" + e.getMessage()
                    + "); going on without it");
            vectors.clear();
            writable = false;
        }
    }

    /** Reads the good records' wanted vectors; returns the byte length of the good part (0 = bad header). */
    private long read(Set<Key> wanted) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            byte[] header = new byte[HEADER];
            if (in.readNBytes(header, 0, HEADER) < HEADER || !validHeader(header)) {
                return 0;
            }
            long good = HEADER;
            byte[] record = new byte[recordBytes()];
            ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            CRC32 crc = new CRC32();
            while (true) {
                try {
                    in.readFully(record);
                } catch (EOFException e) {
                    return good;
                }
                crc.reset();
                crc.update(record, 0, record.length - 4);
                if ((int) crc.getValue() != view.getInt(record.length - 4)) {
                    return good;
                }
                view.position(0);
                Key key = new Key(view.getLong(), view.getLong(), view.getLong(), view.getLong());
                if (wanted.contains(key)) {
                    float[] v = new float[dimension];
                    for (int j = 0; j < dimension; j++) {
                        v[j] = view.getFloat();
                    }
                    vectors.put(key, v);
                }
                records++;
                good += record.length;
            }
        }
    }

    private boolean validHeader(byte[] header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                return false;
            }
        }
        return ByteBuffer.wrap(header, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == dimension;
    }

    /** An empty cache (just the header), written to a temporary file and moved over {@link #file}. */
    private void createEmpty() throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            drain(channel, ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putInt(dimension));
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writable = true;
    }

    private static void drain(FileChannel channel, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
