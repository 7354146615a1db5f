package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The figures of one independent evaluation set (or of all of them), from what the classifier answered for
 * each labelled text. A best guess is <em>right</em> when it is one of the text's labels (for a text with two
 * needs either one; single-label texts have only their own); NONE texts have no right category. Printed,
 * never asserted: they are baselines (docs/knowledge-evaluation.md).
 */
final class Scorecard {

    static final int BINS = 10;

    /** One text of a set, as docs/labelling-guide.md labels it: categories (none for NONE), skills, text. */
    record Labelled(String set, int line, List<String> categories, List<String> skills, String text) {

        boolean none() {
            return categories.isEmpty();
        }
    }

    record Outcome(Labelled labelled, RequestClassifier.Classification answer) {

        String guess() {
            return answer.suggestedCategoryId();
        }

        boolean right() {
            return guess() != null && labelled.categories().contains(guess());
        }

        /** The three best categories the classifier shows a secretary (its candidates), best first. */
        List<String> topThree() {
            Set<String> ranked = new LinkedHashSet<>();
            answer.candidates().forEach(c -> ranked.add(c.categoryId()));
            return ranked.stream().limit(3).toList();
        }

        boolean skillInTopThree() {
            return answer.skills().stream().limit(3).anyMatch(s -> labelled.skills().contains(s.skillId()));
        }
    }

    private final String title;
    private final List<Outcome> outcomes = new ArrayList<>();

    Scorecard(String title) {
        this.title = title;
    }

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    String title() {
        return title;
    }

    private List<Outcome> categorised() {
        return outcomes.stream().filter(o -> !o.labelled().none()).toList();
    }

    private static double share(List<Outcome> of, Predicate<Outcome> test) {
        return of.isEmpty() ? Double.NaN : of.stream().filter(test).count() / (double) of.size();
    }

    double bestGuess() {
        return share(categorised(), Outcome::right);
    }

    double topThreeCategories() {
        return share(categorised(), o -> o.topThree().stream().anyMatch(o.labelled().categories()::contains));
    }

    double coverage() {
        return share(categorised(), o -> o.answer().classified());
    }

    /** Right among the texts classified at the threshold, NONE texts included (a confident answer to them is wrong). */
    double precision() {
        return share(outcomes.stream().filter(o -> o.answer().classified()).toList(), Outcome::right);
    }

    double classifiedAndRight() {
        return share(categorised(), o -> o.answer().classified() && o.right());
    }

    double skillsTopThree() {
        return share(categorised(), Outcome::skillInTopThree);
    }

    long noneTexts() {
        return outcomes.stream().filter(o -> o.labelled().none()).count();
    }

    long noneLeftUnclassified() {
        return outcomes.stream().filter(o -> o.labelled().none() && !o.answer().classified()).count();
    }

    /** Expected calibration error: confidence of the best guess against its being right, in ten equal bins. */
    double expectedCalibrationError() {
        double error = 0;
        for (Bin bin : bins()) {
            error += bin.texts() == 0 ? 0 : bin.texts() / (double) outcomes.size() * Math.abs(bin.accuracy() - bin.confidence());
        }
        return error;
    }

    record Bin(double from, int texts, double confidence, double accuracy) {
    }

    List<Bin> bins() {
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            int bin = b;
            List<Outcome> in = outcomes.stream().filter(o -> Math.min(BINS - 1, (int) (o.answer().confidence() * BINS)) == bin).toList();
            bins.add(new Bin(bin / (double) BINS, in.size(), in.stream().mapToDouble(o -> o.answer().confidence()).average().orElse(0),
                    share(in, Outcome::right)));
        }
        return bins;
    }

    private List<Outcome> mixed() {
        return outcomes.stream().filter(o -> o.labelled().categories().size() == 2).toList();
    }

    /** The summary row: | set | texts | best guess | top 3 | coverage | precision | classified and right | NONE | skills | ECE |. */
    String row() {
        return "| %s | %d | **%.3f** | %.3f | %.3f | **%.3f** | %.3f | %d of %d | %.3f | %.3f |".formatted(title, outcomes.size(),
                bestGuess(), topThreeCategories(), coverage(), precision(), classifiedAndRight(), noneLeftUnclassified(),
                noneTexts(), skillsTopThree(), expectedCalibrationError());
    }

    static String header() {
        return """
                | set | texts | best guess top-1 | top-3 categories | classified (coverage) | precision at the threshold | classified and right | NONE left unclassified | top-3 skills | ECE |
                |---|---|---|---|---|---|---|---|---|---|""";
    }

    /** Per category: texts whose first label it is, precision of the best guesses naming it, recall of the first label. */
    String categoryTable() {
        Map<String, int[]> counts = new TreeMap<>(); // labelled first, guessed, guessed and right, recall, recall at the threshold
        for (Outcome o : outcomes) {
            if (o.guess() != null) {
                int[] g = counts.computeIfAbsent(o.guess(), k -> new int[5]);
                g[1]++;
                g[2] += o.right() ? 1 : 0;
            }
            if (!o.labelled().none()) {
                String first = o.labelled().categories().getFirst();
                int[] c = counts.computeIfAbsent(first, k -> new int[5]);
                c[0]++;
                c[3] += first.equals(o.guess()) ? 1 : 0;
                c[4] += first.equals(o.guess()) && o.answer().classified() ? 1 : 0;
            }
        }
        StringBuilder table = new StringBuilder("| category | texts (first label) | best guess: precision | best guess: recall | recall at the threshold |\n|---|---|---|---|---|\n");
        counts.forEach((category, c) -> table.append("| %s | %d | %.2f | **%.2f** | %.2f |%n".formatted(category, c[0],
                c[1] == 0 ? 0 : (double) c[2] / c[1], c[0] == 0 ? 0 : (double) c[3] / c[0], c[0] == 0 ? 0 : (double) c[4] / c[0])));
        return table.toString();
    }

    /** Confidence bins with the share of right best guesses in each (a reliability diagram as text). */
    String reliabilityTable() {
        StringBuilder table = new StringBuilder("| confidence | texts | mean confidence | right | |\n|---|---|---|---|---|\n");
        for (Bin bin : bins()) {
            if (bin.texts() > 0) {
                table.append("| %.1f–%.1f | %d | %.2f | %.2f | %s |%n".formatted(bin.from(), bin.from() + 1.0 / BINS, bin.texts(),
                        bin.confidence(), bin.accuracy(), "#".repeat((int) Math.round(bin.accuracy() * 20))));
            }
        }
        return table.toString();
    }

    /** For texts with two needs: is the first label the best guess, the second among the top three, either one the guess. */
    String mixedLine() {
        List<Outcome> mixed = mixed();
        if (mixed.isEmpty()) {
            return "";
        }
        List<Outcome> single = outcomes.stream().filter(o -> o.labelled().categories().size() == 1).toList();
        return ("two needs (%d texts): first label = best guess %.3f; second label among the top 3 categories %.3f; "
                + "both among the top 3 %.3f; best guess is one of the two %.3f; secondCategory given %.3f, "
                + "best guess and secondCategory are the two labels %.3f; secondCategory on one-need texts %.3f%n").formatted(mixed.size(),
                share(mixed, o -> Objects.equals(o.guess(), o.labelled().categories().getFirst())),
                share(mixed, o -> o.topThree().contains(o.labelled().categories().get(1))),
                share(mixed, o -> o.topThree().containsAll(o.labelled().categories())),
                share(mixed, Outcome::right),
                share(mixed, o -> o.answer().secondCategoryId() != null),
                share(mixed, o -> o.answer().secondCategoryId() != null
                        && Set.of(o.guess(), o.answer().secondCategoryId()).equals(Set.copyOf(o.labelled().categories()))),
                share(single, o -> o.answer().secondCategoryId() != null));
    }

    /** Label (first label; NONE) against best guess (— for none), over all texts. */
    String confusionMatrix(List<String> categories) {
        List<String> rows = Stream.concat(categories.stream(), Stream.of("NONE")).toList();
        List<String> columns = Stream.concat(categories.stream(), Stream.of("—")).toList();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put(r, new LinkedHashMap<>()));
        for (Outcome o : outcomes) {
            String row = o.labelled().none() ? "NONE" : o.labelled().categories().getFirst();
            counts.get(row).merge(o.guess() == null ? "—" : o.guess(), 1, Integer::sum);
        }
        StringBuilder table = new StringBuilder("| label ↓ / best guess → | " + String.join(" | ", columns.stream().map(Scorecard::abbreviation).toList())
                + " |\n|---" + "|---".repeat(columns.size()) + "|\n");
        counts.forEach((row, guesses) -> table.append("| ").append(row).append(" | ").append(String.join(" | ",
                columns.stream().map(c -> String.valueOf(guesses.getOrDefault(c, 0))).toList())).append(" |\n"));
        return table.toString();
    }

    private static String abbreviation(String category) {
        return category.length() <= 4 ? category : category.substring(0, 4);
    }
}
