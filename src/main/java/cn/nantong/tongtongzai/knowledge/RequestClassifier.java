package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.tokenizer.StandardTokenizer;

import cn.nantong.tongtongzai.member.PostCategory;
import cn.nantong.tongtongzai.member.Skill;
import cn.nantong.tongtongzai.platform.neo4j.Values;

/**
 * Reads a resident's request in free Chinese text and says which skills and which post category it needs,
 * with a confidence and the words that led there. Evidence comes from the knowledge graph: a skill's name
 * and synonyms (strong), its keywords (the words residents use) and keywords learned from secretaries'
 * corrections. Words of two or more characters are found anywhere in the text; one-character words (灯,
 * 锁, 药) only when HanLP's segmenter cuts them out as words, so 灯 is not read into 灯笼. Below the
 * confidence threshold, or without any evidence, the request is left unclassified for a secretary.
 */
@Service
@EnableConfigurationProperties(KnowledgeProperties.class)
public class RequestClassifier {

    private static final Logger log = LoggerFactory.getLogger(RequestClassifier.class);

    /** Longer texts are read up to here: a request is a few sentences; beyond is pasted noise. */
    static final int MAX_CHARACTERS = 2_000;
    static final double NAME_WEIGHT = 3;
    static final double KEYWORD_WEIGHT = 2;
    /**
     * How the four kinds of evidence are weighed — keyword graph, naive Bayes, nearest examples, trained head — chosen
     * on the three development sets: of the weights within 0.015 of the best summed top-1 that keep the nearest
     * examples (and so a correction's local effect) at 0.4 or more, the lowest log-loss (ClassifierTuningTest). A kind
     * with nothing to say (no keyword found) gives its weight to the others.
     */
    static final Weights WEIGHTS = new Weights(0.1, 0.3, 0.4, 0.2, true);
    /**
     * Automatic classification from this confidence up: the lowest where precision is at least 0.95 by more than one
     * standard error on every development set and stays so above — with the trained head (part 3) 0.971 on the
     * second, 0.977 on the third, 0.99 on the first and on the cross-validated examples; at 0.70 the second set is at
     * 0.963, one standard error (0.013) from the line (ClassifierTuningTest; docs/knowledge-evaluation.md).
     */
    static final String THRESHOLD = "0.75";
    /**
     * A second need: the second-ranked category's confidence is at least this and keywords of its own skills
     * matched (a second category on 4 % of the one-need texts of the examples and the development set).
     */
    static final String SECOND_THRESHOLD = "0.20";
    /** See {@link #calibrated}. */
    static final double SHARPNESS = 1.75;
    /** The categories a secretary is shown when the classifier is unsure. */
    static final int CANDIDATES = 3;
    static final int SIMILAR_SHOWN = 2;

    private final Neo4jClient neo4j;
    private final SentenceModel sentences;
    private final double threshold;
    private final double secondThreshold;
    private volatile Vocabulary vocabulary;

    RequestClassifier(Neo4jClient neo4j, SentenceModel sentences, KnowledgeProperties properties) {
        this.neo4j = neo4j;
        this.sentences = sentences;
        this.threshold = properties.confidenceThreshold();
        this.secondThreshold = properties.secondCategoryThreshold();
    }

    /**
     * The result: the category (null when unclassified), the best guess even below the threshold (null
     * without any evidence; shown to the secretary as a suggestion), a second category when the text carries
     * a second need, the confidence 0–1, the best categories with their evidence, skills best first, why.
     */
    public record Classification(String categoryId, String suggestedCategoryId, String secondCategoryId, double confidence,
            boolean classified, List<Candidate> candidates, List<SkillMatch> skills, String reason) {
    }

    /**
     * A skill the text points to, its keyword evidence score and the words that matched; score 0 and no words
     * when only the sentence model suggests it (the chosen category's skill nearest to the text).
     */
    public record SkillMatch(String skillId, String categoryId, double score, List<String> words) {
    }

    /** A category with its share of the evidence, the words that matched its skills and the most similar examples. */
    public record Candidate(String categoryId, double score, List<String> words, List<String> similarRequests) {
    }

    /**
     * The weight of the keyword graph, the naive Bayes example model, the nearest examples and the trained head;
     * whether the keywords' weight goes to the others when no keyword is found (else a text without one is never
     * fully sure).
     */
    record Weights(double keywords, double examples, double neighbours, double head, boolean lendKeywords) {
    }

    /** The models learned from examples: the cross-validation swaps them per fold. */
    record Models(ExampleModel examples, NearestExamples neighbours, SoftmaxHead head) {

        /** Naive Bayes and the trained head fitted on these examples, whose vectors the nearest examples hold. */
        static Models train(List<ExampleModel.Example> examples, NearestExamples neighbours) {
            return new Models(ExampleModel.train(examples), neighbours, SoftmaxHead.fittedOn(neighbours.vectors(), SoftmaxHead.SETTINGS));
        }
    }

    /**
     * Every term the classifier looks for, by skill; the skills' vectors; the example models; the categories and
     * skills themselves, so that an answer's categories and skills resolve without reading the graph again.
     * Reloaded after a correction.
     */
    private record Vocabulary(Map<String, String> categoryOf, Map<String, Map<String, Double>> termsBySkill,
            Map<String, float[]> skillVectors, Map<String, PostCategory> categories, Map<String, Skill> skills, Models models) {
    }

    /** What each kind of evidence says about a text, before weighing. */
    record Evidence(String text, List<SkillMatch> matches, Map<String, Double> keywords, Map<String, Double> examples,
            List<NearestExamples.Neighbour> nearest, Map<String, Double> neighbours, Map<String, Double> head, float[] vector) {
    }

    public Classification classify(String text) {
        return classify(text, vocabulary(), null);
    }

    /** With other example models: the evaluation trains them per fold of its cross-validation. */
    Classification classify(String text, Models models) {
        return classify(text, vocabulary(), models);
    }

    private Classification classify(String text, Vocabulary v, Models other) {
        Models models = other == null ? v.models() : other;
        String normalized = normalize(text);
        if (normalized.codePoints().noneMatch(RequestClassifier::isHan)) {
            return unclassified(normalized.isEmpty() ? "内容为空" : "没有中文内容，无法识别，请书记人工分类");
        }
        return decide(evidence(normalized, v, models), v);
    }

    /** The classification from evidence already gathered (the evaluation gathers it once a text for several uses). */
    Classification classify(Evidence evidence) {
        return decide(evidence, vocabulary());
    }

    private Classification decide(Evidence evidence, Vocabulary v) {
        if (evidence.text().codePoints().noneMatch(RequestClassifier::isHan)) {
            return unclassified(evidence.text().isEmpty() ? "内容为空" : "没有中文内容，无法识别，请书记人工分类");
        }
        Map<String, Double> categories = calibrated(combine(evidence, WEIGHTS), SHARPNESS);
        if (categories.isEmpty()) {
            return unclassified("没有找到与技能相关的词，请书记人工分类");
        }
        List<String> ranked = ranked(categories);
        String top = ranked.getFirst();
        double confidence = Math.round(categories.get(top) * 100) / 100.0;
        String second = ranked.size() > 1 && categories.get(ranked.get(1)) >= secondThreshold
                && evidence.matches().stream().anyMatch(m -> m.categoryId().equals(ranked.get(1))) ? ranked.get(1) : null;
        List<Candidate> candidates = ranked.stream().limit(CANDIDATES).map(c -> candidate(c, categories.get(c), evidence)).toList();
        List<SkillMatch> skills = skills(evidence, ranked, v);
        if (confidence < threshold) {
            return new Classification(null, top, second, confidence, false, candidates, skills,
                    "把握不足（" + Math.round(confidence * 100) + "%，低于" + Math.round(threshold * 100) + "%），请书记人工分类。可能是："
                            + String.join("；", candidates.stream().map(c -> categoryName(v, c.categoryId())
                                    + "（" + Math.round(c.score() * 100) + "%）" + describe(c)).toList()));
        }
        String reason = describe(candidates.getFirst());
        return new Classification(top, top, second, confidence, true, candidates, skills, reason.isEmpty() ? "与同类求助的意思相近" : reason);
    }

    private static String categoryName(Vocabulary v, String categoryId) {
        PostCategory category = v.categories().get(categoryId);
        return category == null ? categoryId : category.name();
    }

    /** A post category as the classifier read it (null when unknown): resolving an answer costs no read of the graph. */
    public PostCategory category(String categoryId) {
        return categoryId == null ? null : vocabulary().categories().get(categoryId);
    }

    /** A skill as the classifier read it (null when unknown). */
    public Skill skill(String skillId) {
        return vocabulary().skills().get(skillId);
    }

    static String normalize(String text) {
        String normalized = text == null ? "" : text.strip();
        return normalized.length() > MAX_CHARACTERS ? normalized.substring(0, MAX_CHARACTERS) : normalized;
    }

    /** What the keyword graph, the example model and the nearest examples say, each on its own (null: the service's models). */
    Evidence evidence(String text, Models models) {
        Vocabulary v = vocabulary();
        return evidence(normalize(text), v, models == null ? v.models() : models);
    }

    private Evidence evidence(String normalized, Vocabulary v, Models models) {
        List<Term> terms = StandardTokenizer.segment(normalized); // once: the keywords and the example model share it
        List<SkillMatch> matches = skillMatches(normalized, terms, v);
        float[] vector = sentences.embed(normalized);
        List<NearestExamples.Neighbour> nearest = models.neighbours().nearest(vector, NearestExamples.NEIGHBOURS);
        return new Evidence(normalized, matches, keywordShares(matches), models.examples().posterior(normalized, terms), nearest,
                NearestExamples.posterior(nearest), models.head().posterior(vector), vector);
    }

    /**
     * Each category's weighed share of the evidence; a kind with nothing to say (no keyword found, no known
     * feature) gives its weight to the others. Keyword shares below one unshared keyword's worth stay damped.
     */
    static Map<String, Double> combine(Evidence e, Weights w) {
        double k = e.keywords().isEmpty() && w.lendKeywords() ? 0 : w.keywords();
        double x = e.examples().isEmpty() ? 0 : w.examples();
        double n = e.neighbours().isEmpty() ? 0 : w.neighbours();
        double h = e.head().isEmpty() ? 0 : w.head();
        double total = k + x + n + h;
        Map<String, Double> categories = new HashMap<>();
        if (total == 0) {
            return categories;
        }
        e.keywords().forEach((c, share) -> categories.merge(c, k / total * share, Double::sum));
        e.examples().forEach((c, share) -> categories.merge(c, x / total * share, Double::sum));
        e.neighbours().forEach((c, share) -> categories.merge(c, n / total * share, Double::sum));
        if (h > 0) {
            e.head().forEach((c, share) -> categories.merge(c, h / total * share, Double::sum));
        }
        return categories;
    }

    /**
     * The weighed shares sharpened into a confidence: each raised to the power {@code sharpness} and shared
     * again within the same total. A weighed mixture of three opinions is less sure than it is right (right 8
     * times in 10 at 0.55); the power that fits the cross-validated examples and the development set best
     * (ClassifierTuningTest: 1.75, expected calibration error 0.14 → 0.05 on the examples, 0.12 → 0.04 on the
     * development set) makes the confidence mean what it says. The ranking is unchanged.
     */
    static Map<String, Double> calibrated(Map<String, Double> shares, double sharpness) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        double powered = shares.values().stream().mapToDouble(x -> Math.pow(x, sharpness)).sum();
        Map<String, Double> calibrated = new HashMap<>();
        shares.forEach((c, x) -> calibrated.put(c, powered == 0 ? 0 : Math.pow(x, sharpness) / powered * total));
        return calibrated;
    }

    static List<String> ranked(Map<String, Double> categories) {
        return categories.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList();
    }

    private static Candidate candidate(String categoryId, double score, Evidence e) {
        List<String> words = e.matches().stream().filter(m -> m.categoryId().equals(categoryId))
                .flatMap(m -> m.words().stream()).distinct().limit(5).toList();
        List<String> similar = e.nearest().stream().filter(n -> n.categoryId().equals(categoryId))
                .limit(SIMILAR_SHOWN).map(NearestExamples.Neighbour::text).toList();
        return new Candidate(categoryId, Math.round(score * 100) / 100.0, words, similar);
    }

    /**
     * The skills: those the keyword graph found in the chosen category; else that category's skill nearest to
     * the text in meaning; then the other categories' keyword skills, and the nearest skills of the chosen and
     * second categories until there are three.
     */
    private static List<SkillMatch> skills(Evidence e, List<String> ranked, Vocabulary v) {
        String top = ranked.getFirst();
        Set<SkillMatch> skills = new LinkedHashSet<>();
        e.matches().stream().filter(m -> m.categoryId().equals(top)).forEach(skills::add);
        if (skills.isEmpty()) {
            nearestSkills(e, top, v).stream().limit(1).forEach(skills::add);
        }
        e.matches().stream().filter(m -> !m.categoryId().equals(top)).forEach(skills::add);
        for (String category : ranked.subList(0, Math.min(2, ranked.size()))) {
            for (SkillMatch s : nearestSkills(e, category, v)) {
                if (skills.size() >= CANDIDATES) {
                    break;
                }
                if (skills.stream().noneMatch(m -> m.skillId().equals(s.skillId()))) {
                    skills.add(s);
                }
            }
        }
        return skills.stream().limit(5).toList();
    }

    private static List<SkillMatch> nearestSkills(Evidence e, String categoryId, Vocabulary v) {
        return v.skillVectors().entrySet().stream().filter(s -> categoryId.equals(v.categoryOf().get(s.getKey())))
                .sorted(Comparator.comparingDouble((Map.Entry<String, float[]> s) -> -SentenceModel.similarity(s.getValue(), e.vector())))
                .map(s -> new SkillMatch(s.getKey(), categoryId, 0, List.of())).toList();
    }

    private static String describe(Candidate c) {
        List<String> parts = new ArrayList<>();
        if (!c.words().isEmpty()) {
            parts.add("依据：" + String.join("、", c.words()));
        }
        if (!c.similarRequests().isEmpty()) {
            parts.add("相似求助：" + String.join(" / ", c.similarRequests()));
        }
        return String.join("；", parts);
    }

    /** The skills a short text names (a member's interest, 修电脑 or 书法), best first. */
    List<SkillMatch> skillsIn(String text) {
        String normalized = text == null ? "" : text.strip();
        return normalized.isEmpty() ? List.of() : skillMatches(normalized, StandardTokenizer.segment(normalized), vocabulary());
    }

    /** Every skill whose words the text contains, best first. */
    private static List<SkillMatch> skillMatches(String normalized, List<Term> terms, Vocabulary v) {
        Set<String> words = new LinkedHashSet<>();
        for (Term term : terms) {
            words.add(term.word);
        }
        List<SkillMatch> matches = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> skill : v.termsBySkill().entrySet()) {
            double score = 0;
            List<String> matched = new ArrayList<>();
            for (Map.Entry<String, Double> term : skill.getValue().entrySet()) {
                String word = term.getKey();
                boolean found = word.length() >= 2 ? normalized.contains(word) : words.contains(word);
                if (found && matched.stream().noneMatch(m -> m.contains(word))) {
                    score += term.getValue();
                    matched.add(word);
                }
            }
            if (score > 0) {
                matches.add(new SkillMatch(skill.getKey(), v.categoryOf().get(skill.getKey()), score, matched));
            }
        }
        matches.sort(Comparator.comparingDouble(SkillMatch::score).reversed().thenComparing(SkillMatch::skillId));
        return matches;
    }

    /**
     * Each category's share of the keyword evidence: its best skill plus a little for every other skill of
     * it that matched, damped when the evidence is thin (one keyword no other skill uses is enough, one
     * shared with others is not).
     */
    private static Map<String, Double> keywordShares(List<SkillMatch> matches) {
        Map<String, Double> categories = new LinkedHashMap<>();
        for (SkillMatch m : matches) {
            categories.merge(m.categoryId(), m.score(), (best, more) -> best + 0.3 * more);
        }
        double top = categories.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double total = categories.values().stream().mapToDouble(Double::doubleValue).sum();
        double damping = Math.min(1, top / KEYWORD_WEIGHT);
        categories.replaceAll((c, score) -> score / total * damping);
        return categories;
    }

    private static Classification unclassified(String reason) {
        return new Classification(null, null, null, 0, false, List.of(), List.of(), reason);
    }

    static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /**
     * Forget the vocabulary so the next classification reads the graph again: after a correction, or when
     * the reference data changed underneath (tests rebuild it). Another replica reloads on its next start.
     */
    public void reload() {
        vocabulary = null;
    }

    private Vocabulary vocabulary() {
        Vocabulary v = vocabulary;
        if (v == null) {
            v = load();
            vocabulary = v;
        }
        return v;
    }

    private Vocabulary load() {
        Map<String, String> categoryOf = new HashMap<>();
        Map<String, Map<String, Double>> terms = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, Skill> skills = new HashMap<>();
        neo4j.query("""
                MATCH (s:Skill)
                RETURN s.id AS id, s.name AS name, coalesce(s.synonyms, []) AS synonyms, coalesce(s.keywords, []) AS keywords,
                       COLLECT { MATCH (s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0] AS categoryId,
                       COLLECT { MATCH (k:Keyword)-[r:INDICATES]->(s) RETURN {text: k.text, weight: r.weight} } AS learned
                ORDER BY id""").fetch().all().forEach(row -> {
            String id = Values.string(row, "id");
            categoryOf.put(id, Values.string(row, "categoryId"));
            skills.put(id, new Skill(id, Values.string(row, "name"), Values.string(row, "categoryId")));
            List<String> said = new ArrayList<>(Values.strings(row, "synonyms"));
            said.addAll(Values.strings(row, "keywords"));
            descriptions.put(id, Values.string(row, "name") + "：" + String.join("、", said));
            Map<String, Double> skillTerms = new LinkedHashMap<>();
            for (String keyword : Values.strings(row, "keywords")) {
                skillTerms.merge(keyword, KEYWORD_WEIGHT, Math::max);
            }
            for (Object learned : (List<?>) row.get("learned")) {
                Map<String, Object> l = Values.map(learned);
                skillTerms.merge(Values.string(l, "text"), Values.decimal(l, "weight"), Math::max);
            }
            skillTerms.merge(Values.string(row, "name"), NAME_WEIGHT, Math::max);
            for (String synonym : Values.strings(row, "synonyms")) {
                skillTerms.merge(synonym, NAME_WEIGHT, Math::max);
            }
            // longest first, so that a word inside a longer one already matched counts once
            Map<String, Double> ordered = new LinkedHashMap<>();
            skillTerms.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Double> e) -> -e.getKey().length()))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
            terms.put(id, ordered);
        });
        // a keyword many skills share says less about each of them (老人 → 探访老人, 老人照护)
        Map<String, Long> sharing = new HashMap<>();
        terms.values().forEach(t -> t.keySet().forEach(word -> sharing.merge(word, 1L, Long::sum)));
        terms.values().forEach(t -> t.replaceAll((word, weight) -> weight / sharing.get(word)));
        List<ExampleModel.Example> examples = examples();
        long start = System.nanoTime();
        Map<String, float[]> skillVectors = skillVectors(descriptions);
        NearestExamples neighbours = NearestExamples.of(examples, sentences);
        long embedded = System.nanoTime();
        Models models = Models.train(examples, neighbours);
        log.info("Knowledge: {} example requests and {} skills embedded in {} ms (vectors kept; the first time loads the sentence model),"
                + " models fitted in {} ms (the head only when the examples changed)", examples.size(), skillVectors.size(),
                (embedded - start) / 1_000_000, (System.nanoTime() - embedded) / 1_000_000);
        return new Vocabulary(categoryOf, terms, skillVectors, categories(), Map.copyOf(skills), models);
    }

    private Map<String, PostCategory> categories() {
        Map<String, PostCategory> categories = new HashMap<>();
        neo4j.query("MATCH (c:PostCategory) RETURN c.id AS id, c.name AS name").fetch().all()
                .forEach(row -> categories.put(Values.string(row, "id"), new PostCategory(Values.string(row, "id"), Values.string(row, "name"))));
        return Map.copyOf(categories);
    }

    /** Each skill's name, synonyms and keywords as one sentence vector, to find the skill nearest to a text. */
    private Map<String, float[]> skillVectors(Map<String, String> descriptions) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        descriptions.forEach((id, description) -> vectors.put(id, sentences.embedKept(description)));
        return vectors;
    }

    /**
     * The labelled examples (V009, editable by migration) and every request a secretary classified by hand,
     * under the category of the skills she chose — the latest correction of each.
     */
    List<ExampleModel.Example> examples() {
        return List.copyOf(neo4j.query("""
                MATCH (e:ExampleRequest)-[:EXAMPLE_OF]->(c:PostCategory)
                RETURN c.id AS categoryId, e.text AS text, false AS corrected
                UNION ALL
                MATCH (r:Request)<-[:CORRECTS]-(k:ClassificationCorrection)
                WITH r, k ORDER BY k.at DESC
                WITH r, collect(k)[0] AS latest
                MATCH (s:Skill {id: latest.skillIds[0]})-[:SERVES]->(c:PostCategory)
                RETURN c.id AS categoryId, r.text AS text, true AS corrected""")
                .fetchAs(ExampleModel.Example.class)
                .mappedBy((types, row) -> new ExampleModel.Example(row.get("categoryId").asString(), row.get("text").asString(),
                        row.get("corrected").asBoolean()))
                .all());
    }
}
