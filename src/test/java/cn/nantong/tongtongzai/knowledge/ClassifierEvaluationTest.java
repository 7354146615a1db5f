package cn.nantong.tongtongzai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * The classifier's precision, recall and top-1 accuracy per category, printed as tables
 * (docs/knowledge-evaluation.md): 10-fold cross-validation over the example requests it learns from (V009),
 * and the test sets (src/test/resources/knowledge/labelled-requests-test-2.txt and -3.txt, 320 texts),
 * written by people who had not seen the classifier and never used to change it. Run alone:
 * {@code mvn -q verify -Dtest=ClassifierEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Unclassified counts as wrong for accuracy and recall (a secretary has to classify it) and is not a
 * prediction for precision.
 */
class ClassifierEvaluationTest extends IntegrationTest {

    /** Regression guards, set below the figures of docs/knowledge-evaluation.md; the issue's target is 0.90. */
    static final double CROSS_VALIDATION_FLOOR = 0.85;
    static final double TEST_FLOOR = 0.85;
    static final double BEST_GUESS_FLOOR = 0.90;
    static final int FOLDS = 10;

    @Autowired
    RequestClassifier classifier;

    @Autowired
    SentenceModel sentences;

    record Labelled(String category, String text) {
    }

    /** Classified and right at the threshold; the best guess right, threshold aside. */
    record Figures(double accuracy, double bestGuess) {
    }

    @Test
    void printsTheCrossValidatedFiguresOfTheExamples() {
        // in a fixed order, so that the folds are the same on every run
        List<ExampleModel.Example> examples = classifier.examples().stream()
                .sorted(java.util.Comparator.comparing(ExampleModel.Example::text)).toList();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(300);
        List<Labelled> set = new ArrayList<>();
        List<RequestClassifier.Models> models = new ArrayList<>();
        NearestExamples all = NearestExamples.of(examples, sentences);
        for (int i = 0; i < examples.size(); i++) {
            ExampleModel.Example e = examples.get(i);
            set.add(new Labelled(e.categoryId(), e.text()));
            int fold = i % FOLDS;
            List<ExampleModel.Example> others = new ArrayList<>();
            for (int j = 0; j < examples.size(); j++) {
                if (j % FOLDS != fold) {
                    others.add(examples.get(j));
                }
            }
            models.add(fold < models.size() ? models.get(fold)
                    : RequestClassifier.Models.train(others, all.only(others)));
        }
        Figures figures = evaluate(set, i -> models.get(i % FOLDS),
                FOLDS + "-fold cross-validation over the " + examples.size() + " example requests");
        assertThat(figures.accuracy()).as("cross-validated top-1 category accuracy").isGreaterThanOrEqualTo(CROSS_VALIDATION_FLOOR);
    }

    @Test
    void printsTheTestSetFigures() throws Exception {
        List<Labelled> two = labelled("/knowledge/labelled-requests-test-2.txt");
        List<Labelled> three = labelled("/knowledge/labelled-requests-test-3.txt");
        evaluate(two, i -> null, "test set 2: residents' words (never used to change the classifier)");
        evaluate(three, i -> null, "test set 3: grid workers' ledger entries (never used to change the classifier)");
        List<Labelled> both = new ArrayList<>(two);
        both.addAll(three);
        Figures figures = evaluate(both, i -> null, "test sets 2 and 3 together");
        assertThat(both).hasSizeGreaterThanOrEqualTo(300);
        assertThat(figures.accuracy()).as("test-set accuracy at the threshold").isGreaterThanOrEqualTo(TEST_FLOOR);
        assertThat(figures.bestGuess()).as("test-set top-1 accuracy of the best guess").isGreaterThanOrEqualTo(BEST_GUESS_FLOOR);
    }

    private List<Labelled> labelled(String resource) throws Exception {
        List<Labelled> set = new ArrayList<>();
        String file = new String(getClass().getResourceAsStream(resource).readAllBytes(), StandardCharsets.UTF_8);
        for (String line : file.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\|", 2);
                set.add(new Labelled(parts[0].strip(), parts[1].strip()));
            }
        }
        return set;
    }

    /** {@code model} gives the example models for the i-th text (null: the classifier's own). */
    private Figures evaluate(List<Labelled> set, IntFunction<RequestClassifier.Models> model, String title) {
        List<Double> correctConfidences = new ArrayList<>();
        int guessedRight = 0;
        Map<String, int[]> counts = new LinkedHashMap<>(); // category → [labelled, predicted, correct, unclassified]
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            Labelled l = set.get(i);
            RequestClassifier.Models examples = model.apply(i);
            RequestClassifier.Classification c = examples == null ? classifier.classify(l.text())
                    : classifier.classify(l.text(), examples);
            counts.computeIfAbsent(l.category(), k -> new int[4])[0]++;
            if (Objects.equals(c.categoryId(), l.category())) {
                correctConfidences.add(c.confidence());
            }
            if (Objects.equals(c.suggestedCategoryId(), l.category())) {
                guessedRight++;
            }
            if (!c.classified()) {
                counts.get(l.category())[3]++;
                misses.add(l.category() + " ← unclassified (" + c.confidence() + "): " + l.text());
                continue;
            }
            counts.computeIfAbsent(c.categoryId(), k -> new int[4])[1]++;
            if (Objects.equals(c.categoryId(), l.category())) {
                counts.get(l.category())[2]++;
            } else {
                misses.add(l.category() + " ← " + c.categoryId() + " (" + c.reason() + "): " + l.text());
            }
        }
        int total = set.size();
        int correct = counts.values().stream().mapToInt(c -> c[2]).sum();
        int unclassified = counts.values().stream().mapToInt(c -> c[3]).sum();
        StringBuilder table = new StringBuilder("\n" + title + ":\n| category | texts | precision | recall | unclassified |\n|---|---|---|---|---|\n");
        counts.forEach((category, c) -> table.append("| %s | %d | %.2f | %.2f | %d |%n".formatted(category, c[0],
                c[1] == 0 ? 0 : (double) c[2] / c[1], c[0] == 0 ? 0 : (double) c[2] / c[0], c[3])));
        table.append("| **all** | %d | %.2f (of classified) | **top-1 accuracy %.3f** | %d (%.1f %%) |%n".formatted(total,
                (double) correct / (total - unclassified), (double) correct / total, unclassified, 100.0 * unclassified / total));
        table.append("best guess (suggestedCategory, threshold aside) right: %.3f%n".formatted((double) guessedRight / total));
        // what a stricter threshold would cost: the classified texts it keeps are the correct ones above it
        table.append("top-1 accuracy with a higher threshold:");
        for (double t : new double[] {0.5, 0.6, 0.7, 0.8}) {
            table.append(" %.1f → %.3f".formatted(t, correctConfidences.stream().filter(x -> x >= t).count() / (double) total));
        }
        System.out.println(table);
        misses.forEach(m -> System.out.println("  miss: " + m));
        return new Figures((double) correct / total, (double) guessedRight / total);
    }
}
