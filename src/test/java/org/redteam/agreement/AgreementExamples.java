package org.redteam.agreement;

import org.redteam.agreement.Ratings;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published worked examples under {@code shared/data/agreement/} (system property {@code redteam.shared},
 * set by surefire), read where they lie: a test that needs one is skipped when it is absent.
 */
final class AgreementExamples {

    private AgreementExamples() {
    }

    static JsonNode load(String fileName) {
        String root = System.getProperty("redteam.shared");
        assumeTrue(root != null, "system property redteam.shared is not set");
        Path file = Path.of(root, "data", "agreement", fileName);
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                m[i][j] = row.get(j).isNull() ? Double.NaN : row.get(j).asDouble();
            }
        }
        return m;
    }

    /** Units × raters from rows = raters, columns = units (the layout of "reliability data"). */
    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /**
     * A table whose unit i has, for each category j (valued j + 1), counts[i][j] raters choosing it; the raters
     * are numbered per unit, so the same rater id on two units need not be the same person, as in Fleiss' design.
     */
    static Ratings fromCounts(double[][] counts) {
        Ratings.Builder b = Ratings.builder();
        for (int i = 0; i < counts.length; i++) {
            int rater = 0;
            for (int j = 0; j < counts[i].length; j++) {
                for (int k = 0; k < counts[i][j]; k++) {
                    b.add("u" + (i + 1), "r" + (++rater), j + 1);
                }
            }
        }
        return b.build();
    }
}
