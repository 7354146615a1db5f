import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * What the sentence model (bge-small-zh-v1.5 int8, knowledge/SentenceModel) costs on its own: the time to load
 * it, the process's resident memory (VmRSS) and Java heap before and after, and the time to embed a request —
 * the first 300 characters at most, as the service does — p50/p95 over the texts of labelled-requests-test-2.txt.
 * Usage: benchmarks/classifier-latency.sh runs it; alone: java -cp "target/classes:$(cat target/classpath.txt)"
 * --enable-native-access=ALL-UNNAMED benchmarks/SentenceModelCost.java
 */
public class SentenceModelCost {

    public static void main(String[] args) throws Exception {
        long rssBefore = rssKb();
        long heapBefore = heapMb();
        long t0 = System.nanoTime();
        EmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();
        model.embed("楼道灯坏了");
        double loadMs = (System.nanoTime() - t0) / 1e6;
        System.gc();
        System.out.printf("sentence model: loaded and first text embedded in %.0f ms; resident memory +%d MB (%d → %d MB), "
                + "Java heap +%d MB%n", loadMs, (rssKb() - rssBefore) / 1024, rssBefore / 1024, rssKb() / 1024, heapMb() - heapBefore);
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/knowledge/labelled-requests-test-2.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                texts.add(line.substring(line.indexOf('|') + 1));
            }
        }
        for (String text : texts) {
            model.embed(text);
        }
        List<Long> micros = new ArrayList<>();
        long all = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                long t = System.nanoTime();
                model.embed(text.length() > 300 ? text.substring(0, 300) : text);
                micros.add((System.nanoTime() - t) / 1_000);
            }
        }
        Collections.sort(micros);
        System.out.printf("embedding a request (%d texts, mean %.0f characters): p50 %.1f ms, p95 %.1f ms; %d texts in %.0f ms%n",
                texts.size(), texts.stream().mapToInt(String::length).average().orElse(0), micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) (micros.size() * 0.95)) / 1000.0, micros.size(), (System.nanoTime() - all) / 1e6);
        System.out.printf("after: resident memory %d MB, Java heap %d MB%n", rssKb() / 1024, heapMb());
    }

    static long rssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    static long heapMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
