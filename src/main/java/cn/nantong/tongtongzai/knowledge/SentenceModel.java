package cn.nantong.tongtongzai.knowledge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * A Chinese sentence model: bge-small-zh-v1.5, quantised to int8 (24 MB of ONNX with its tokenizer, inside the
 * langchain4j jar; model MIT), run on ONNX Runtime in this process, no download. It turns a text into a
 * 512-number vector whose direction carries its meaning, so 么得人管 lands near 没人照顾 without sharing a word.
 * <p>
 * The ONNX session is loaded once per JVM (about 0.7 s and 60 MB off-heap), on first use, and shared by every
 * application context (the tests start several). Vectors of texts seen before (the examples, the skills) are
 * kept, so retraining after a correction embeds only the new text.
 */
@Component
class SentenceModel {

    /**
     * Only the start of a text is embedded: a request says what it needs in its first sentences, and the model's
     * cost grows with the length (about 3 ms for 40 characters, a window of 512 tokens each further 500).
     */
    static final int MAX_CHARACTERS = 300;
    /** Vectors kept by text; the examples, skills and corrected requests are a few thousand at most. */
    static final int MAX_KEPT = 20_000;

    private static final class Holder {
        static final EmbeddingModel MODEL = new BgeSmallZhV15QuantizedEmbeddingModel();
    }

    /** Per JVM like the model, so that every application context of a test run embeds the examples once. */
    private static final Map<String, float[]> kept = new ConcurrentHashMap<>();

    /** The text's vector, of length 1 (so a dot product is the cosine similarity); a kept text's vector is not computed again. */
    float[] embed(String text) {
        float[] v = kept.get(text);
        return v != null ? v : compute(text);
    }

    private static float[] compute(String text) {
        String input = collapseRepeats(text);
        input = input.length() > MAX_CHARACTERS ? input.substring(0, MAX_CHARACTERS) : input;
        return unit(Holder.MODEL.embed(input).content().vector());
    }

    /** The vector of a text the classifier learns from: computed once, then kept. */
    float[] embedKept(String text) {
        float[] v = kept.get(text);
        if (v == null) {
            v = compute(text);
            if (kept.size() < MAX_KEPT) {
                kept.put(text, v);
            }
        }
        return v;
    }

    /** Runs of one character (啊啊啊啊啊, 😀😀😀😀) cut to three: they say nothing more, and would crowd out what the text asks. */
    static String collapseRepeats(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4 * MAX_CHARACTERS));
        int previous = -1;
        int run = 0;
        for (int i = 0; i < text.length() && out.length() < 4 * MAX_CHARACTERS; ) {
            int cp = text.codePointAt(i);
            run = cp == previous ? run + 1 : 1;
            if (run <= 3) {
                out.appendCodePoint(cp);
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    static double similarity(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] unit(float[] v) {
        double norm = Math.sqrt(similarity(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }
}
