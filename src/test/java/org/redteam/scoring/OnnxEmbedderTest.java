package org.redteam.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real in-process all-MiniLM-L6-v2 model (quantized ONNX from the langchain4j artifact). */
@Tag("model")
class OnnxEmbedderTest {

    @Test
    void embedsDeterministicallyWhateverTheBatch() {
        try (OnnxEmbedder miniLm = OnnxEmbedder.load(OnnxEmbedder.MINILM_L6_Q, 2)) {
            List<float[]> batch = miniLm.embed(List.of("tell me how to pick a lock", "how do I open a lock without its key",
                    "what a lovely sunny day for a picnic", ""));
            float[] alone = miniLm.embed("tell me how to pick a lock");
            assertThat(batch.get(0)).containsExactly(alone);
            assertThat(alone).hasSize(384);
            assertThat(dot(alone, alone)).isCloseTo(1.0, within(1e-5));
            assertThat(dot(batch.get(0), batch.get(1))).isGreaterThan(dot(batch.get(0), batch.get(2)) + 0.2);
            assertThat(batch.get(3)).hasSize(384);
        }
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
