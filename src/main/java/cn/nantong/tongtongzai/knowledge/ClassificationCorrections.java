package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.tokenizer.StandardTokenizer;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * A secretary says which skills a request really needs. The correction is kept on the request
 * ({@code NEEDS_SKILL {by: 'SECRETARY'}}, replacing earlier ones, with a {@code ClassificationCorrection}
 * node recording who, when and what), and the request's content words are learned as keywords of those
 * skills ({@code (:Keyword)-[:INDICATES {weight}]->(:Skill)}), so the next request written the same way
 * is understood.
 */
@Service
public class ClassificationCorrections {

    /** Weight a correction adds to a learned keyword, and its ceiling. */
    static final double LEARNED_WEIGHT = 2;
    static final double MAX_LEARNED_WEIGHT = 4;
    static final int MAX_WORDS = 8;
    /** Words that say nothing about the need. */
    static final Set<String> STOPWORDS = Set.of("我们", "我家", "家里", "一下", "帮忙", "帮助", "请人", "社区", "希望", "需要",
            "能否", "可以", "能不能", "麻烦", "谢谢", "现在", "今天", "明天", "已经", "好几", "一直", "问题", "情况", "有人",
            "没有", "不是", "怎么", "什么", "这个", "那个", "时候", "小区", "居民", "老师", "同志", "书记", "请问", "想要", "觉得");

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final RequestClassifier classifier;

    ClassificationCorrections(Neo4jClient neo4j, WriteTransactions transactions, RequestClassifier classifier) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.classifier = classifier;
    }

    /** What a correction did: the skills the request now needs and the words learned for them. */
    public record Correction(String requestId, List<String> skillIds, List<String> learnedWords) {
    }

    public Correction correct(String requestId, List<String> skillIds, Actor actor) {
        List<String> skills = skillIds == null ? List.of() : skillIds.stream().distinct().toList();
        new Validation().require(!skills.isEmpty() && skills.size() <= 5, "skillIds", ErrorCode.INVALID_SKILLS, "请选择1至5项技能。")
                .throwIfInvalid();
        Correction done = transactions.execute(status -> {
            String text = neo4j.query("MATCH (r:Request {id: $id}) " + RowLocks.lock("r") + " RETURN r.text")
                    .bind(requestId == null ? "" : requestId).to("id").fetchAs(String.class).one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.REQUEST_NOT_FOUND, "找不到该需求。"));
            long known = neo4j.query("UNWIND $ids AS id MATCH (s:Skill {id: id}) RETURN count(s)").bind(skills).to("ids")
                    .fetchAs(Long.class).one().orElse(0L);
            if (known != skills.size()) {
                throw new UserInputException(ErrorCode.SKILL_NOT_FOUND, "有技能不存在，请从技能列表中选择。");
            }
            List<String> words = contentWords(text);
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", requestId);
            parameters.put("skills", skills);
            parameters.put("words", words);
            parameters.put("by", actor.id());
            parameters.put("step", LEARNED_WEIGHT);
            parameters.put("max", MAX_LEARNED_WEIGHT);
            neo4j.query("""
                    MATCH (r:Request {id: $id})
                    OPTIONAL MATCH (r)-[old:NEEDS_SKILL]->(:Skill)
                    DELETE old
                    WITH DISTINCT r
                    CREATE (c:ClassificationCorrection {at: datetime(), by: $by, skillIds: $skills, words: $words})-[:CORRECTS]->(r)
                    WITH r
                    UNWIND $skills AS skillId
                    MATCH (s:Skill {id: skillId})
                    CREATE (r)-[:NEEDS_SKILL {by: 'SECRETARY', at: datetime()}]->(s)
                    WITH s
                    UNWIND $words AS word
                    MERGE (k:Keyword {text: word})
                    MERGE (k)-[l:INDICATES]->(s)
                    SET l.weight = CASE WHEN coalesce(l.weight, 0) + $step > $max THEN $max ELSE coalesce(l.weight, 0) + $step END,
                        l.corrections = coalesce(l.corrections, 0) + 1""").bindAll(parameters).run();
            return new Correction(requestId, skills, words);
        });
        classifier.reload();
        return done;
    }

    /** Nouns, verbs and adjectives of two or more Chinese characters that say something about the need. */
    static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        String input = text == null ? "" : text.length() > RequestClassifier.MAX_CHARACTERS
                ? text.substring(0, RequestClassifier.MAX_CHARACTERS) : text;
        for (Term term : StandardTokenizer.segment(input)) {
            String nature = term.nature == null ? "" : term.nature.toString();
            boolean content = nature.startsWith("n") || nature.startsWith("v") || nature.startsWith("a");
            if (content && term.word.length() >= 2 && term.word.codePoints().allMatch(RequestClassifier::isHan)
                    && !STOPWORDS.contains(term.word) && !words.contains(term.word)) {
                words.add(term.word);
            }
            if (words.size() == MAX_WORDS) {
                break;
            }
        }
        return words;
    }
}
