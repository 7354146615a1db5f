package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A classifier trained on the sentence vectors of the example requests and every corrected request: multinomial
 * logistic regression (softmax over the categories, L2 penalty), fitted at start-up and after each correction by
 * plain full-batch gradient descent. Each of the 512 numbers is first centred and scaled to unit variance over the
 * training vectors, so that one step size suits them all and a few hundred steps get close to the optimum. Where
 * the nearest examples read a text from a handful of neighbours, this head weighs every example at once, so it
 * holds up where a category's examples are few near the text (docs/knowledge-evaluation.md, part 3).
 */
final class SoftmaxHead {

    /** Training settings: the L2 penalty per weight, the number of steps, the step size. */
    record Settings(double l2, int iterations, double step) {
    }

    static final Settings SETTINGS = new Settings(1e-2, 200, 0.5);
    /**
     * A request a secretary corrected weighs as much as this many examples: it is checked by hand, in the words of
     * the service's own residents, and the next request like it should follow it (RequestClassificationTest).
     */
    static final double CORRECTION_WEIGHT = 5;

    /** The examples the last head was fitted on, and that head. */
    private record Fitted(List<ExampleModel.Example> examples, Settings settings, SoftmaxHead head) {
    }

    /**
     * The vocabulary is reloaded whenever the reference data may have changed (the tests rebuild the graph hundreds of
     * times), mostly with the same examples: those refit nothing.
     */
    private static volatile Fitted last;

    private final List<String> categories;
    private final float[] mean;
    private final float[] scale;
    private final double[][] weights;
    private final double[] bias;

    private SoftmaxHead(List<String> categories, float[] mean, float[] scale, double[][] weights, double[] bias) {
        this.categories = categories;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /** The head fitted on these examples, fitted again only when they changed. */
    static SoftmaxHead fittedOn(List<NearestExamples.Vector> examples, Settings s) {
        List<ExampleModel.Example> texts = examples.stream().map(NearestExamples.Vector::example).toList();
        Fitted f = last;
        if (f == null || !f.settings().equals(s) || !f.examples().equals(texts)) {
            f = new Fitted(texts, s, train(examples, s));
            last = f;
        }
        return f.head();
    }

    /** Fitted on the examples' vectors (their categories are the classes); an empty head without examples. */
    static SoftmaxHead train(List<NearestExamples.Vector> examples, Settings s) {
        List<String> categories = List.copyOf(new TreeSet<>(examples.stream().map(v -> v.example().categoryId()).toList()));
        if (examples.isEmpty()) {
            return new SoftmaxHead(categories, new float[0], new float[0], new double[0][0], new double[0]);
        }
        int n = examples.size();
        int d = examples.getFirst().vector().length;
        int k = categories.size();
        float[] mean = new float[d];
        float[] scale = new float[d];
        standardisation(examples, mean, scale);
        float[][] x = new float[n][];
        int[] y = new int[n];
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            x[i] = standardised(examples.get(i).vector(), mean, scale);
            y[i] = categories.indexOf(examples.get(i).example().categoryId());
            weight[i] = examples.get(i).example().corrected() ? CORRECTION_WEIGHT : 1;
            total += weight[i];
        }
        double[][] w = new double[k][d];
        double[] b = new double[k];
        double[][] gradient = new double[k][d];
        double[] gb = new double[k];
        double[] p = new double[k];
        for (int step = 0; step < s.iterations(); step++) {
            for (double[] g : gradient) {
                java.util.Arrays.fill(g, 0);
            }
            java.util.Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                probabilities(x[i], w, b, p);
                p[y[i]] -= 1;
                for (int c = 0; c < k; c++) {
                    double e = p[c] * weight[i];
                    double[] g = gradient[c];
                    float[] xi = x[i];
                    for (int j = 0; j < d; j++) {
                        g[j] += e * xi[j];
                    }
                    gb[c] += e;
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    w[c][j] -= s.step() * (gradient[c][j] / total + s.l2() * w[c][j]);
                }
                b[c] -= s.step() * gb[c] / total;
            }
        }
        return new SoftmaxHead(categories, mean, scale, w, b);
    }

    /** Each category's probability for a sentence vector (summing to 1); empty when trained on nothing. */
    Map<String, Double> posterior(float[] vector) {
        Map<String, Double> posterior = new HashMap<>();
        if (categories.isEmpty()) {
            return posterior;
        }
        double[] p = new double[categories.size()];
        probabilities(standardised(vector, mean, scale), weights, bias, p);
        for (int c = 0; c < p.length; c++) {
            posterior.put(categories.get(c), p[c]);
        }
        return posterior;
    }

    private static void probabilities(float[] x, double[][] w, double[] b, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            double z = b[c];
            double[] wc = w[c];
            for (int j = 0; j < x.length; j++) {
                z += wc[j] * x[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double total = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            total += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= total;
        }
    }

    private static void standardisation(List<NearestExamples.Vector> examples, float[] mean, float[] scale) {
        int d = mean.length;
        double[] sum = new double[d];
        double[] squares = new double[d];
        for (NearestExamples.Vector v : examples) {
            for (int j = 0; j < d; j++) {
                sum[j] += v.vector()[j];
                squares[j] += (double) v.vector()[j] * v.vector()[j];
            }
        }
        int n = examples.size();
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
            double variance = Math.max(0, squares[j] / n - mean[j] * (double) mean[j]);
            scale[j] = (float) (1 / Math.sqrt(variance + 1e-6));
        }
    }

    private static float[] standardised(float[] v, float[] mean, float[] scale) {
        float[] x = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            x[j] = (v[j] - mean[j]) * scale[j];
        }
        return x;
    }

    /** The categories it was trained on, for tests. */
    List<String> categories() {
        return new ArrayList<>(categories);
    }
}
