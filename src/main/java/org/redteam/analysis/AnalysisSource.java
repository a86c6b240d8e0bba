package org.redteam.analysis;

/**
 * Where the analysed attempts came from: a file (its name, the SHA-256 of its bytes as stored, its size) or a
 * platform store (its description, without any password), and how many records were read.
 */
public record AnalysisSource(Kind kind, String name, String sha256, long bytes, long records) {

    public enum Kind { FILE, STORE }

    public static AnalysisSource file(String fileName, String sha256, long bytes, long records) {
        return new AnalysisSource(Kind.FILE, fileName, sha256, bytes, records);
    }

    /** The submitted attempts of a store, as {@code export --format anthropic} would write them. */
    public static AnalysisSource store(String description, long records) {
        return new AnalysisSource(Kind.STORE, description, null, -1, records);
    }
}
