package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.tokenizer.StandardTokenizer;

/**
 * What earlier requests of each post category looked like: a multinomial naive Bayes model over the
 * character pairs and words of example requests (the labelled examples in the graph and the requests
 * secretaries corrected). It understands words the keyword graph has never seen (赖账, 京剧) from the
 * company they keep, and tolerates typos, because a misspelt word still shares most of its character
 * pairs with the examples.
 */
final class ExampleModel {

    /** Additive smoothing: a feature never seen with a category is unlikely, not impossible. */
    static final double SMOOTHING = 0.3;
    /**
     * Naive Bayes multiplies one probability per feature as if they were independent, which makes it sure of
     * itself far beyond its accuracy; dividing the log-likelihoods by this softens the posterior into a
     * confidence comparable with the keyword evidence.
     */
    static final double TEMPERATURE = 4;

    /** A request text with the category a person gave it. */
    record Example(String categoryId, String text, boolean corrected) {

        /** A labelled example request (not a secretary's correction). */
        Example(String categoryId, String text) {
            this(categoryId, text, false);
        }
    }

    private final Map<String, Map<String, Integer>> counts;
    private final Map<String, Integer> totals;
    private final Map<String, Integer> documents;
    private final int vocabularySize;
    private final int examples;

    private ExampleModel(Map<String, Map<String, Integer>> counts, Map<String, Integer> totals,
            Map<String, Integer> documents, int vocabularySize, int examples) {
        this.counts = counts;
        this.totals = totals;
        this.documents = documents;
        this.vocabularySize = vocabularySize;
        this.examples = examples;
    }

    static ExampleModel train(List<Example> examples) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> totals = new HashMap<>();
        Map<String, Integer> documents = new HashMap<>();
        Set<String> vocabulary = new java.util.HashSet<>();
        for (Example e : examples) {
            documents.merge(e.categoryId(), 1, Integer::sum);
            Map<String, Integer> c = counts.computeIfAbsent(e.categoryId(), k -> new HashMap<>());
            for (String feature : features(e.text())) {
                c.merge(feature, 1, Integer::sum);
                totals.merge(e.categoryId(), 1, Integer::sum);
                vocabulary.add(feature);
            }
        }
        return new ExampleModel(counts, totals, documents, vocabulary.size(), examples.size());
    }

    boolean isEmpty() {
        return examples == 0;
    }

    int size() {
        return examples;
    }

    /** Each category's probability for this text (summing to 1); empty without examples or known features. */
    Map<String, Double> posterior(String text) {
        return posterior(text, StandardTokenizer.segment(clipped(text)));
    }

    /** The same, with the text's words already cut by HanLP (the classifier segments a text once). */
    Map<String, Double> posterior(String text, List<Term> terms) {
        List<String> features = known(features(clipped(text), terms));
        if (examples == 0 || features.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> logs = new HashMap<>();
        for (String category : documents.keySet()) {
            double log = Math.log((double) documents.get(category) / examples);
            for (String feature : features) {
                log += Math.log(probability(category, feature));
            }
            logs.put(category, log / TEMPERATURE);
        }
        double max = logs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double sum = logs.values().stream().mapToDouble(l -> Math.exp(l - max)).sum();
        Map<String, Double> posterior = new HashMap<>();
        logs.forEach((category, log) -> posterior.put(category, Math.exp(log - max) / sum));
        return posterior;
    }

    /** The text's words that speak most for the category against the others, for the explanation. */
    List<String> evidence(String text, String categoryId, int limit) {
        if (!documents.containsKey(categoryId)) {
            return List.of();
        }
        record Weighed(String feature, double ratio) {
        }
        // only whole words are shown: a pair across two words (了以, 后心) means nothing to a reader
        Set<String> words = new java.util.HashSet<>();
        for (Term term : StandardTokenizer.segment(text)) {
            words.add(term.word);
        }
        List<Weighed> weighed = new ArrayList<>();
        for (String feature : new LinkedHashSet<>(known(features(text)))) {
            if (!words.contains(feature)) {
                continue;
            }
            double here = probability(categoryId, feature);
            double elsewhere = documents.keySet().stream().filter(c -> !c.equals(categoryId))
                    .mapToDouble(c -> probability(c, feature)).max().orElse(here);
            if (here > elsewhere) {
                weighed.add(new Weighed(feature, here / elsewhere));
            }
        }
        weighed.sort(Comparator.comparingDouble(Weighed::ratio).reversed());
        List<String> shown = new ArrayList<>();
        for (Weighed w : weighed) {
            // a pair inside a word already shown adds nothing for a reader
            if (shown.stream().noneMatch(s -> s.contains(w.feature()) || w.feature().contains(s))) {
                shown.add(w.feature());
            }
            if (shown.size() == limit) {
                break;
            }
        }
        return shown;
    }

    private double probability(String category, String feature) {
        int count = counts.get(category).getOrDefault(feature, 0);
        return (count + SMOOTHING) / (totals.getOrDefault(category, 0) + SMOOTHING * vocabularySize);
    }

    private List<String> known(List<String> features) {
        return features.stream().filter(f -> counts.values().stream().anyMatch(c -> c.containsKey(f))).toList();
    }

    /**
     * The features of a text: every pair of neighbouring Chinese characters, and HanLP's words of three or
     * more characters (a pair already covers a two-character word). Punctuation, Latin letters and digits
     * say nothing about the category and break pairs.
     */
    static List<String> features(String text) {
        String input = clipped(text);
        return features(input, StandardTokenizer.segment(input));
    }

    private static String clipped(String text) {
        return text == null ? "" : text.length() > RequestClassifier.MAX_CHARACTERS
                ? text.substring(0, RequestClassifier.MAX_CHARACTERS) : text;
    }

    private static List<String> features(String input, List<Term> terms) {
        List<String> features = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            if (RequestClassifier.isHan(cp)) {
                if (previous != -1) {
                    features.add(new String(Character.toChars(previous)) + new String(Character.toChars(cp)));
                }
                previous = cp;
            } else {
                previous = -1;
            }
            i += Character.charCount(cp);
        }
        for (Term term : terms) {
            if (term.word.length() >= 3 && term.word.codePoints().allMatch(RequestClassifier::isHan)) {
                features.add(term.word);
            }
        }
        return features;
    }
}
