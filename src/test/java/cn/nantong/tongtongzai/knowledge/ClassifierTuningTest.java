package cn.nantong.tongtongzai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.knowledge.RequestClassifier.Evidence;
import cn.nantong.tongtongzai.knowledge.RequestClassifier.Weights;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * How the classifier's weights, threshold and second-category threshold were chosen (issue 23), printed: on
 * the example requests by 10-fold cross-validation (each text classified by models trained without its fold)
 * and on the development sets src/test/resources/knowledge/dev/dev-set*.txt (written for tuning, in several
 * styles, with texts of two needs and texts of none), and the trained head's settings (part 3). Never on the
 * evaluation sets under knowledge/eval/.
 * A tool, not a check (the figures the settings must reach are asserted in ClassifierEvaluationTest and
 * IndependentEvaluationTest), and a minute of fitting: it runs only when asked,
 * {@code mvn -o -q verify -Dtest=ClassifierTuningTest -Dknowledge.tuning=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "knowledge.tuning", matches = "true")
class ClassifierTuningTest extends IntegrationTest {

    static final int FOLDS = 10;
    static final double PRECISION = 0.95;

    @Autowired
    RequestClassifier classifier;

    @Autowired
    SentenceModel sentences;

    /** A text with its labels (none: a text that asks for nothing) and what each kind of evidence says. */
    record Case(String source, List<String> labels, Evidence evidence) {

        boolean none() {
            return labels.isEmpty();
        }
    }

    @Test
    void printsHowTheWeightsAndThresholdsWereChosen() throws Exception {
        List<Case> cases = new ArrayList<>(crossValidated());
        cases.addAll(development());
        StringBuilder out = new StringBuilder("\nClassifier tuning (examples cross-validated: cv; development sets: dev, dev2, dev3)\n");
        out.append(HEADER);
        record Scored(Weights w, double loss, double top1) {
        }
        List<Scored> grid = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            for (int x = 0; k + x <= 10; x++) {
                for (int h = 0; k + x + h <= 10; h++) {
                    for (boolean lend : new boolean[] {true, false}) {
                        Weights w = new Weights(k / 10.0, x / 10.0, (10 - k - x - h) / 10.0, h / 10.0, lend);
                        double loss = 0;
                        double top1 = 0;
                        for (String source : SOURCES) {
                            loss += loss(cases, w, source);
                            top1 += source.equals("cv") ? 0 : top1(cases, w, source);
                        }
                        grid.add(new Scored(w, loss, top1));
                    }
                }
            }
        }
        out.append("best by summed log-loss (cv, dev, dev2, dev3):\n");
        grid.sort(Comparator.comparingDouble(Scored::loss));
        for (Scored s : grid.subList(0, 10)) {
            out.append(row(s.w(), cases));
        }
        out.append("best by summed top-1 of the development sets:\n");
        grid.sort(Comparator.comparingDouble(Scored::top1).reversed());
        for (Scored s : grid.subList(0, 15)) {
            out.append(row(s.w(), cases));
        }
        out.append("the same without the trained head:\n");
        grid.stream().filter(s -> s.w().head() == 0).limit(5).forEach(s -> out.append(row(s.w(), cases)));
        out.append("the same with the nearest examples weighing at least 0.5 (a correction's effect is local through them):\n");
        grid.stream().filter(s -> s.w().neighbours() >= 0.5).limit(5).forEach(s -> out.append(row(s.w(), cases)));
        out.append("parts alone and earlier choices:\n");
        for (Weights w : List.of(new Weights(1, 0, 0, 0, true), new Weights(0, 1, 0, 0, true), new Weights(0, 0, 1, 0, true),
                new Weights(0, 0, 0, 1, true), new Weights(0.6, 0.4, 0, 0, true), new Weights(0.2, 0.1, 0.7, 0, false),
                RequestClassifier.WEIGHTS)) {
            out.append(row(w, cases));
        }
        Weights chosen = RequestClassifier.WEIGHTS;
        out.append("\nsharpness of the confidence with %s: ECE and log-loss\n".formatted(chosen));
        for (double a : new double[] {1, 1.25, 1.5, 1.75, 2, 2.5, 3}) {
            sharpness = a;
            out.append("%.2f: cv ECE %.3f log-loss %.3f | dev ECE %.3f log-loss %.3f | dev2 ECE %.3f log-loss %.3f | dev3 ECE %.3f log-loss %.3f%n"
                    .formatted(a, ece(cases, chosen, "cv"), loss(cases, chosen, "cv"), ece(cases, chosen, "dev"), loss(cases, chosen, "dev"),
                    ece(cases, chosen, "dev2"), loss(cases, chosen, "dev2"), ece(cases, chosen, "dev3"), loss(cases, chosen, "dev3")));
        }
        sharpness = RequestClassifier.SHARPNESS;
        for (Weights w : List.of(chosen)) {
            out.append("\nthreshold with %s: precision / coverage of categorised texts (NONE classified counts wrong)\n".formatted(w));
            for (double t = 0.30; t <= 0.901; t += 0.05) {
                out.append("%.2f: cv %s | dev %s | dev2 %s | dev3 %s%n".formatted(t, atThreshold(cases, w, t, 0, "cv"),
                        atThreshold(cases, w, t, 0, "dev"), atThreshold(cases, w, t, 0, "dev2"), atThreshold(cases, w, t, 0, "dev3")));
            }
        }
        out.append("\nmargin: classified when the confidence ≥ t and the best leads the second by ≥ m (dev2; dev)\n");
        for (double t = 0.60; t <= 0.901; t += 0.05) {
            StringBuilder line = new StringBuilder("%.2f:".formatted(t));
            for (double m : new double[] {0, 0.2, 0.4, 0.6}) {
                line.append(" m %.1f → %s; %s |".formatted(m, atThreshold(cases, chosen, t, m, "dev2"), atThreshold(cases, chosen, t, m, "dev")));
            }
            out.append(line).append('\n');
        }
        out.append("\nsecond category (dev): score of the second-ranked category ≥ s\n");
        for (double s = 0.10; s <= 0.401; s += 0.05) {
            out.append("%.2f: %s%n".formatted(s, second(cases, chosen, s)));
        }
        out.append("\nnearest example's similarity: %s%n".formatted(similarities(cases)));
        System.out.println(out);
        assertThat(cases).hasSizeGreaterThan(600);
    }

    /**
     * The trained head's settings (L2 penalty, steps, step size): the head alone, cross-validated over the examples
     * (trained per fold) and trained on all of them for the development sets, with the time one training takes.
     */
    @Test
    void printsHowTheTrainedHeadWasSet() throws Exception {
        List<ExampleModel.Example> examples = classifier.examples().stream().sorted(Comparator.comparing(ExampleModel.Example::text)).toList();
        NearestExamples all = NearestExamples.of(examples, sentences);
        List<Text> texts = new ArrayList<>();
        for (String[] set : new String[][] {{"dev", "/knowledge/dev/dev-set.txt"}, {"dev2", "/knowledge/dev/dev-set-2.txt"},
                {"dev3", "/knowledge/dev/dev-set-3.txt"}}) {
            String file = new String(getClass().getResourceAsStream(set[1]).readAllBytes(), StandardCharsets.UTF_8);
            for (String line : file.split("\n")) {
                String[] parts = line.split("\\|", 3);
                if (!line.isBlank() && !line.startsWith("#") && !parts[0].equals("NONE")) {
                    texts.add(new Text(set[0], Arrays.asList(parts[0].split(",")), sentences.embed(RequestClassifier.normalize(parts[2].strip()))));
                }
            }
        }
        StringBuilder out = new StringBuilder("\nTrained head alone: cv top-1 / log-loss | dev | dev2 | dev3 | ms a training on all\n");
        for (SoftmaxHead.Settings s : HEAD_SETTINGS) {
            List<Text> cv = new ArrayList<>();
            List<Map<String, Double>> cvScores = new ArrayList<>();
            for (int fold = 0; fold < FOLDS; fold++) {
                List<ExampleModel.Example> others = new ArrayList<>();
                List<ExampleModel.Example> held = new ArrayList<>();
                for (int j = 0; j < examples.size(); j++) {
                    (j % FOLDS == fold ? held : others).add(examples.get(j));
                }
                SoftmaxHead head = SoftmaxHead.train(all.only(others).vectors(), s);
                for (NearestExamples.Vector v : all.only(held).vectors()) {
                    cv.add(new Text("cv", List.of(v.example().categoryId()), v.vector()));
                    cvScores.add(head.posterior(v.vector()));
                }
            }
            long start = System.nanoTime();
            SoftmaxHead head = SoftmaxHead.train(all.vectors(), s);
            long ms = (System.nanoTime() - start) / 1_000_000;
            StringBuilder line = new StringBuilder("%s: cv %s".formatted(s, headFigures(cv, cvScores)));
            for (String source : List.of("dev", "dev2", "dev3")) {
                List<Text> of = texts.stream().filter(t -> t.source().equals(source)).toList();
                line.append(" | %s %s".formatted(source, headFigures(of, of.stream().map(t -> head.posterior(t.vector())).toList())));
            }
            out.append(line).append(" | %d ms%n".formatted(ms));
        }
        System.out.println(out);
        assertThat(examples).hasSizeGreaterThan(600);
    }

    static final List<SoftmaxHead.Settings> HEAD_SETTINGS = List.of(new SoftmaxHead.Settings(1e-3, 200, 0.5),
            new SoftmaxHead.Settings(1e-4, 200, 0.5), new SoftmaxHead.Settings(1e-2, 200, 0.5), new SoftmaxHead.Settings(3e-2, 200, 0.5),
            new SoftmaxHead.Settings(1e-3, 100, 0.5), new SoftmaxHead.Settings(1e-3, 400, 0.5), new SoftmaxHead.Settings(1e-3, 200, 1.0));

    /** A categorised text with its sentence vector. */
    record Text(String source, List<String> labels, float[] vector) {
    }

    private static String headFigures(List<Text> texts, List<Map<String, Double>> scores) {
        int right = 0;
        double loss = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> labels = texts.get(i).labels();
            Map<String, Double> p = scores.get(i);
            String best = RequestClassifier.ranked(p).getFirst();
            right += labels.contains(best) ? 1 : 0;
            loss -= Math.log(Math.max(1e-4, p.getOrDefault(labels.getFirst(), 0.0)));
        }
        return "%.3f / %.3f".formatted(right / (double) texts.size(), loss / texts.size());
    }

    static final List<String> SOURCES = List.of("cv", "dev", "dev2", "dev3");
    static final String HEADER = "| keywords | examples | neighbours | head | lend | cv top-1 | cv log-loss | dev top-1 | dev log-loss "
            + "| dev2 top-1 | dev2 log-loss | dev3 top-1 | dev3 log-loss |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

    private static String row(Weights w, List<Case> cases) {
        StringBuilder row = new StringBuilder("| %.1f | %.1f | %.1f | %.1f | %s |".formatted(w.keywords(), w.examples(), w.neighbours(), w.head(),
                w.lendKeywords() ? "yes" : "no"));
        for (String source : SOURCES) {
            row.append(" %.3f | %.3f |".formatted(top1(cases, w, source), loss(cases, w, source)));
        }
        return row.append('\n').toString();
    }

    private List<Case> crossValidated() {
        List<ExampleModel.Example> examples = classifier.examples().stream().sorted(Comparator.comparing(ExampleModel.Example::text)).toList();
        NearestExamples all = NearestExamples.of(examples, sentences);
        List<Case> cases = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<ExampleModel.Example> others = new ArrayList<>();
            List<ExampleModel.Example> held = new ArrayList<>();
            for (int j = 0; j < examples.size(); j++) {
                (j % FOLDS == fold ? held : others).add(examples.get(j));
            }
            RequestClassifier.Models models = RequestClassifier.Models.train(others, all.only(others));
            held.forEach(e -> cases.add(new Case("cv", List.of(e.categoryId()), classifier.evidence(e.text(), models))));
        }
        return cases;
    }

    /** The development sets: dev (dev-set.txt, 119 texts), dev2 (dev-set-2.txt, 262 texts, part 2), dev3 (dev-set-3.txt, 260 texts, part 3). */
    private List<Case> development() throws Exception {
        List<Case> cases = new ArrayList<>(development("dev", "/knowledge/dev/dev-set.txt"));
        cases.addAll(development("dev2", "/knowledge/dev/dev-set-2.txt"));
        cases.addAll(development("dev3", "/knowledge/dev/dev-set-3.txt"));
        return cases;
    }

    private List<Case> development(String source, String resource) throws Exception {
        String file = new String(getClass().getResourceAsStream(resource).readAllBytes(), StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        for (String line : file.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\|", 3);
                List<String> labels = parts[0].equals("NONE") ? List.of() : Arrays.asList(parts[0].split(","));
                cases.add(new Case(source, labels, classifier.evidence(parts[2].strip(), null)));
            }
        }
        return cases;
    }

    private static List<Case> of(List<Case> cases, String source, Predicate<Case> test) {
        return cases.stream().filter(c -> c.source().equals(source) && test.test(c)).toList();
    }

    /** The sharpness the figures below are computed with (the grid of weights uses 1: ranking is unchanged by it). */
    private static double sharpness = 1;

    private static Map<String, Double> scores(Case c, Weights w) {
        return RequestClassifier.calibrated(RequestClassifier.combine(c.evidence(), w), sharpness);
    }

    /** Expected calibration error over every text of a source (ten bins; NONE texts are never right). */
    private static double ece(List<Case> cases, Weights w, String source) {
        List<Case> of = of(cases, source, c -> true);
        double[] n = new double[10];
        double[] conf = new double[10];
        double[] right = new double[10];
        for (Case c : of) {
            Map<String, Double> scores = scores(c, w);
            if (scores.isEmpty()) {
                continue;
            }
            String top = RequestClassifier.ranked(scores).getFirst();
            double p = Math.round(scores.get(top) * 100) / 100.0;
            int bin = Math.min(9, (int) (p * 10));
            n[bin]++;
            conf[bin] += p;
            right[bin] += c.labels().contains(top) ? 1 : 0;
        }
        double error = 0;
        for (int b = 0; b < 10; b++) {
            error += n[b] == 0 ? 0 : n[b] / of.size() * Math.abs(right[b] / n[b] - conf[b] / n[b]);
        }
        return error;
    }

    private static String best(Case c, Weights w) {
        Map<String, Double> scores = scores(c, w);
        return scores.isEmpty() ? null : RequestClassifier.ranked(scores).getFirst();
    }

    private static double top1(List<Case> cases, Weights w, String source) {
        List<Case> of = of(cases, source, c -> !c.none());
        return of.stream().filter(c -> best(c, w) != null && c.labels().contains(best(c, w))).count() / (double) of.size();
    }

    /** Mean negative log of the score given to the (first) label: lower is better calibrated and sharper. */
    private static double loss(List<Case> cases, Weights w, String source) {
        List<Case> of = of(cases, source, c -> !c.none());
        return of.stream().mapToDouble(c -> -Math.log(Math.max(1e-4, scores(c, w)
                .getOrDefault(c.labels().getFirst(), 0.0)))).average().orElse(0);
    }

    private static String atThreshold(List<Case> cases, Weights w, double t, double margin, String source) {
        int classified = 0;
        int right = 0;
        int categorised = 0;
        int noneClassified = 0;
        for (Case c : of(cases, source, c -> true)) {
            Map<String, Double> scores = scores(c, w);
            String top = scores.isEmpty() ? null : RequestClassifier.ranked(scores).getFirst();
            categorised += c.none() ? 0 : 1;
            List<String> ranked = scores.isEmpty() ? List.of() : RequestClassifier.ranked(scores);
            double lead = ranked.size() < 2 ? 1 : scores.get(top) - scores.get(ranked.get(1));
            if (top != null && Math.round(scores.get(top) * 100) / 100.0 >= t && lead >= margin) {
                classified++;
                right += c.labels().contains(top) ? 1 : 0;
                noneClassified += c.none() ? 1 : 0;
            }
        }
        return "%.3f / %.3f (NONE classified %d)".formatted(right / (double) Math.max(1, classified), right / (double) categorised, noneClassified);
    }

    /** The second-ranked category, when it scores at least s and (if own words are asked for) keywords of its own matched. */
    private static boolean hasSecond(Case c, Weights w, double s, boolean ownWords) {
        Map<String, Double> scores = scores(c, w);
        List<String> ranked = RequestClassifier.ranked(scores);
        return ranked.size() > 1 && scores.get(ranked.get(1)) >= s
                && (!ownWords || c.evidence().matches().stream().anyMatch(m -> m.categoryId().equals(ranked.get(1))));
    }

    private static String second(List<Case> cases, Weights w, double s) {
        List<Case> two = cases.stream().filter(c -> c.labels().size() == 2).toList();
        List<Case> one = cases.stream().filter(c -> c.labels().size() == 1).toList();
        StringBuilder line = new StringBuilder();
        for (boolean ownWords : new boolean[] {false, true}) {
            long found = two.stream().filter(c -> hasSecond(c, w, s, ownWords)
                    && c.labels().containsAll(RequestClassifier.ranked(scores(c, w)).subList(0, 2))).count();
            long falseSecond = one.stream().filter(c -> hasSecond(c, w, s, ownWords)).count();
            line.append("%s: two needs both named %d of %d, a second category on %d of %d one-need texts. ".formatted(
                    ownWords ? "with own keywords" : "score only", found, two.size(), falseSecond, one.size()));
        }
        return line.toString();
    }

    private static String similarities(List<Case> cases) {
        return "NONE " + cases.stream().filter(Case::none).map(c -> "%.2f".formatted(c.evidence().nearest().getFirst().similarity())).toList()
                + "; categorised, lowest: " + cases.stream().filter(c -> !c.none()).mapToDouble(c -> c.evidence().nearest().getFirst().similarity())
                        .sorted().limit(10).mapToObj(d -> "%.2f".formatted(d)).toList();
    }
}
