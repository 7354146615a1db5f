package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.tokenizer.StandardTokenizer;

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
public class RequestClassifier {

    /** Longer texts are read up to here: a request is a few sentences; beyond is pasted noise. */
    static final int MAX_CHARACTERS = 2_000;
    static final double NAME_WEIGHT = 3;
    static final double KEYWORD_WEIGHT = 2;
    /** How much the keyword graph counts against the example model when both have evidence. */
    static final double KEYWORD_SHARE = 0.6;

    private final Neo4jClient neo4j;
    private final double threshold;
    private volatile Vocabulary vocabulary;

    RequestClassifier(Neo4jClient neo4j, @Value("${tongtong.knowledge.confidence-threshold:0.40}") double threshold) {
        this.neo4j = neo4j;
        this.threshold = threshold;
    }

    /**
     * The result: the category (null when unclassified), the best guess even below the threshold (null
     * without any evidence; shown to the secretary as a suggestion), the confidence 0–1, skills best first, why.
     */
    public record Classification(String categoryId, String suggestedCategoryId, double confidence, boolean classified,
            List<SkillMatch> skills, String reason) {
    }

    /** A skill the text points to, its evidence score and the words that matched. */
    public record SkillMatch(String skillId, String categoryId, double score, List<String> words) {
    }

    /** Every term the classifier looks for, by skill; reloaded after a correction. */
    private record Vocabulary(Map<String, String> categoryOf, Map<String, Map<String, Double>> termsBySkill,
            ExampleModel examples) {
    }

    public Classification classify(String text) {
        return classify(text, vocabulary(), null);
    }

    /** With another example model: the evaluation trains one per fold of its cross-validation. */
    Classification classify(String text, ExampleModel examples) {
        return classify(text, vocabulary(), examples);
    }

    private Classification classify(String text, Vocabulary v, ExampleModel otherExamples) {
        ExampleModel examples = otherExamples == null ? v.examples() : otherExamples;
        String normalized = text == null ? "" : text.strip();
        if (normalized.length() > MAX_CHARACTERS) {
            normalized = normalized.substring(0, MAX_CHARACTERS);
        }
        if (normalized.codePoints().noneMatch(RequestClassifier::isHan)) {
            return unclassified(normalized.isEmpty() ? "内容为空" : "没有中文内容，无法识别，请书记人工分类");
        }
        List<SkillMatch> matches = skillMatches(normalized, v);
        Map<String, Double> keywordShares = keywordShares(matches);
        Map<String, Double> exampleShares = examples.posterior(normalized);
        if (keywordShares.isEmpty() && exampleShares.isEmpty()) {
            return unclassified("没有找到与技能相关的词，请书记人工分类");
        }
        // both kinds of evidence vote; either alone decides when the other has nothing to say
        double keywordPart = keywordShares.isEmpty() ? 0 : exampleShares.isEmpty() ? 1 : KEYWORD_SHARE;
        Map<String, Double> categories = new HashMap<>();
        keywordShares.forEach((c, share) -> categories.merge(c, keywordPart * share, Double::sum));
        exampleShares.forEach((c, share) -> categories.merge(c, (1 - keywordPart) * share, Double::sum));
        String top = categories.entrySet().stream().max(Map.Entry.<String, Double>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        double confidence = Math.round(categories.get(top) * 100) / 100.0;
        // the chosen category's skills first, then the others the text also touched
        List<SkillMatch> best = java.util.stream.Stream.concat(
                matches.stream().filter(m -> m.categoryId().equals(top)),
                matches.stream().filter(m -> !m.categoryId().equals(top))).limit(5).toList();
        if (confidence < threshold) {
            return new Classification(null, top, confidence, false, best,
                    "把握不足（" + Math.round(confidence * 100) + "%，低于" + Math.round(threshold * 100) + "%），请书记人工分类");
        }
        return new Classification(top, top, confidence, true, best, reason(normalized, top, best, examples));
    }

    /** The skills a short text names (a member's interest, 修电脑 or 书法), best first. */
    List<SkillMatch> skillsIn(String text) {
        String normalized = text == null ? "" : text.strip();
        return normalized.isEmpty() ? List.of() : skillMatches(normalized, vocabulary());
    }

    /** Every skill whose words the text contains, best first. */
    private static List<SkillMatch> skillMatches(String normalized, Vocabulary v) {
        Set<String> words = new LinkedHashSet<>();
        for (Term term : StandardTokenizer.segment(normalized)) {
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

    private static String reason(String text, String categoryId, List<SkillMatch> best, ExampleModel examples) {
        List<String> parts = new ArrayList<>();
        if (!best.isEmpty() && best.getFirst().categoryId().equals(categoryId)) {
            parts.add("依据：" + String.join("、", best.getFirst().words()));
        }
        List<String> similar = examples.evidence(text, categoryId, 3);
        if (!similar.isEmpty()) {
            parts.add("同类求助常见的字词：" + String.join("、", similar));
        }
        return parts.isEmpty() ? "与同类求助的用语相近" : String.join("；", parts);
    }

    private static Classification unclassified(String reason) {
        return new Classification(null, null, 0, false, List.of(), reason);
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
        neo4j.query("""
                MATCH (s:Skill)
                RETURN s.id AS id, s.name AS name, coalesce(s.synonyms, []) AS synonyms, coalesce(s.keywords, []) AS keywords,
                       COLLECT { MATCH (s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0] AS categoryId,
                       COLLECT { MATCH (k:Keyword)-[r:INDICATES]->(s) RETURN {text: k.text, weight: r.weight} } AS learned
                ORDER BY id""").fetch().all().forEach(row -> {
            String id = Values.string(row, "id");
            categoryOf.put(id, Values.string(row, "categoryId"));
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
        return new Vocabulary(categoryOf, terms, ExampleModel.train(examples()));
    }

    /**
     * The labelled examples (V009, editable by migration) and every request a secretary classified by hand,
     * under the category of the skills she chose — the latest correction of each.
     */
    List<ExampleModel.Example> examples() {
        return List.copyOf(neo4j.query("""
                MATCH (e:ExampleRequest)-[:EXAMPLE_OF]->(c:PostCategory)
                RETURN c.id AS categoryId, e.text AS text
                UNION ALL
                MATCH (r:Request)<-[:CORRECTS]-(k:ClassificationCorrection)
                WITH r, k ORDER BY k.at DESC
                WITH r, collect(k)[0] AS latest
                MATCH (s:Skill {id: latest.skillIds[0]})-[:SERVES]->(c:PostCategory)
                RETURN c.id AS categoryId, r.text AS text""")
                .fetchAs(ExampleModel.Example.class)
                .mappedBy((types, row) -> new ExampleModel.Example(row.get("categoryId").asString(), row.get("text").asString()))
                .all());
    }
}
