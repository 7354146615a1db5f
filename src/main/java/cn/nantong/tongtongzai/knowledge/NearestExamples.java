package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding classifier: the example requests (V009 and every request a secretary corrected) as sentence
 * vectors, and a text's category read from its nearest ones. Each of the {@link #NEIGHBOURS} nearest votes
 * for its category with weight exp((similarity − best similarity) / {@link #TEMPERATURE}), so a much closer
 * example outweighs several farther ones. Chosen by 10-fold cross-validation over the examples against
 * nearest-centroid and logistic regression (docs/knowledge-evaluation.md); it also keeps a correction's
 * effect local: a corrected request pulls the texts nearest to it, not a whole category.
 */
final class NearestExamples {

    static final int NEIGHBOURS = 10;
    static final double TEMPERATURE = 0.05;

    /** An example with its vector. */
    record Vector(ExampleModel.Example example, float[] vector) {
    }

    /** One of the nearest examples: its text, category and cosine similarity to the text classified. */
    record Neighbour(String text, String categoryId, double similarity) {
    }

    private final List<Vector> examples;

    private NearestExamples(List<Vector> examples) {
        this.examples = examples;
    }

    static NearestExamples of(List<ExampleModel.Example> examples, SentenceModel model) {
        return new NearestExamples(examples.stream().map(e -> new Vector(e, model.embedKept(e.text()))).toList());
    }

    /** The same vectors, fewer examples (the cross-validation's folds). */
    NearestExamples only(List<ExampleModel.Example> kept) {
        java.util.Set<ExampleModel.Example> keep = new java.util.HashSet<>(kept);
        return new NearestExamples(examples.stream().filter(v -> keep.contains(v.example())).toList());
    }

    /** The examples with their vectors (the trained head learns from them). */
    List<Vector> vectors() {
        return examples;
    }

    int size() {
        return examples.size();
    }

    /** The nearest examples, most similar first. */
    List<Neighbour> nearest(float[] vector, int limit) {
        // the best `limit` kept in order as the examples go by: no list of every example to sort
        List<Neighbour> best = new ArrayList<>(limit + 1);
        if (limit <= 0) {
            return List.of();
        }
        for (Vector v : examples) {
            double similarity = SentenceModel.similarity(v.vector(), vector);
            if (best.size() == limit && similarity <= best.getLast().similarity()) {
                continue;
            }
            int at = best.size();
            while (at > 0 && best.get(at - 1).similarity() < similarity) {
                at--;
            }
            best.add(at, new Neighbour(v.example().text(), v.example().categoryId(), similarity));
            if (best.size() > limit) {
                best.removeLast();
            }
        }
        return List.copyOf(best);
    }

    /** Each category's share of the nearest examples' votes (summing to 1); empty without examples. */
    static Map<String, Double> posterior(List<Neighbour> nearest) {
        Map<String, Double> votes = new HashMap<>();
        if (nearest.isEmpty()) {
            return votes;
        }
        double best = nearest.getFirst().similarity();
        nearest.stream().limit(NEIGHBOURS).forEach(n -> votes.merge(n.categoryId(), Math.exp((n.similarity() - best) / TEMPERATURE), Double::sum));
        double total = votes.values().stream().mapToDouble(Double::doubleValue).sum();
        votes.replaceAll((c, v) -> v / total);
        return votes;
    }
}
