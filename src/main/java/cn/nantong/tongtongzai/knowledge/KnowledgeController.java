package cn.nantong.tongtongzai.knowledge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Mono;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.PostCategory;
import cn.nantong.tongtongzai.member.Skill;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.request.Request;
import cn.nantong.tongtongzai.request.RequestService;

/** graphql/knowledge.graphqls */
@Controller
class KnowledgeController {

    static final int MAX_TEXT = 10_000;

    private final KnowledgeService knowledge;
    private final RequestClassifier classifier;
    private final ClassificationCorrections corrections;
    private final RequestService requests;

    KnowledgeController(KnowledgeService knowledge, RequestClassifier classifier, ClassificationCorrections corrections,
            RequestService requests, BatchLoaderRegistry loaders) {
        this.knowledge = knowledge;
        loaders.<String, SkillKnowledge>forName("skillKnowledge")
                .registerMappedBatchLoader((ids, env) -> Mono.just(knowledge.knowledge(ids)));
        this.classifier = classifier;
        this.corrections = corrections;
        this.requests = requests;
    }

    record CorrectClassificationInput(String requestId, List<String> skillIds) {
    }

    record CorrectClassificationPayload(Request request, List<String> learnedWords) {
    }

    @QueryMapping
    RequestClassifier.Classification classifyText(@Argument String text) {
        new Validation().require(text != null && text.length() <= MAX_TEXT, "text", ErrorCode.INVALID_TEXT,
                "内容最多" + MAX_TEXT + "个字符。").throwIfInvalid();
        return classifier.classify(text);
    }

    @SchemaMapping(typeName = "Request")
    RequestClassifier.Classification classification(Request request) {
        return classifier.classify(request.text());
    }

    @BatchMapping(typeName = "Request")
    Map<Request, List<Skill>> neededSkills(List<Request> list) {
        Map<String, List<Skill>> needed = knowledge.neededSkills(list.stream().map(Request::id).distinct().toList());
        return list.stream().distinct().collect(Collectors.toMap(Function.identity(), r -> needed.getOrDefault(r.id(), List.of())));
    }

    @MutationMapping
    CorrectClassificationPayload correctRequestClassification(@Argument CorrectClassificationInput input,
            @ContextValue Actor actor) {
        ClassificationCorrections.Correction done = corrections.correct(input.requestId(), input.skillIds(), actor);
        return new CorrectClassificationPayload(requests.request(done.requestId()).orElseThrow(), done.learnedWords());
    }

    @SchemaMapping(typeName = "Classification")
    PostCategory category(RequestClassifier.Classification classification) {
        return classifier.category(classification.categoryId());
    }

    @SchemaMapping(typeName = "Classification")
    PostCategory suggestedCategory(RequestClassifier.Classification classification) {
        return classifier.category(classification.suggestedCategoryId());
    }

    @SchemaMapping(typeName = "Classification")
    PostCategory secondCategory(RequestClassifier.Classification classification) {
        return classifier.category(classification.secondCategoryId());
    }

    // an answer's categories and skills come from what the classifier already read: no read of the graph per field
    @SchemaMapping(typeName = "CategoryCandidate", field = "category")
    PostCategory candidateCategory(RequestClassifier.Candidate candidate) {
        return classifier.category(candidate.categoryId());
    }

    @SchemaMapping(typeName = "SkillMatch")
    Skill skill(RequestClassifier.SkillMatch match) {
        return classifier.skill(match.skillId());
    }

    @BatchMapping(typeName = "Member")
    Map<Member, Occupation> recognisedOccupation(List<Member> list) {
        Map<String, Occupation> occupations = knowledge.occupationsOfMembers(list.stream().map(Member::id).distinct().toList());
        Map<Member, Occupation> result = new java.util.HashMap<>();
        list.forEach(m -> result.put(m, occupations.get(m.id())));
        return result;
    }

    @QueryMapping
    List<Skill> skills(@Argument String categoryId) {
        return knowledge.skills(categoryId);
    }

    @QueryMapping
    List<Occupation> occupations() {
        return knowledge.occupations();
    }

    @SchemaMapping(typeName = "Skill")
    CompletableFuture<List<String>> synonyms(Skill skill, DataLoader<String, SkillKnowledge> skillKnowledge) {
        return about(skill, skillKnowledge, SkillKnowledge::synonyms);
    }

    @SchemaMapping(typeName = "Skill")
    CompletableFuture<List<String>> keywords(Skill skill, DataLoader<String, SkillKnowledge> skillKnowledge) {
        return about(skill, skillKnowledge, SkillKnowledge::keywords);
    }

    @SchemaMapping(typeName = "Skill")
    CompletableFuture<List<Skill>> broader(Skill skill, DataLoader<String, SkillKnowledge> skillKnowledge) {
        return about(skill, skillKnowledge, SkillKnowledge::broader);
    }

    @SchemaMapping(typeName = "Skill")
    CompletableFuture<List<Skill>> narrower(Skill skill, DataLoader<String, SkillKnowledge> skillKnowledge) {
        return about(skill, skillKnowledge, SkillKnowledge::narrower);
    }

    @SchemaMapping(typeName = "Skill")
    CompletableFuture<List<SkillKnowledge.Substitute>> substitutes(Skill skill, DataLoader<String, SkillKnowledge> skillKnowledge) {
        return about(skill, skillKnowledge, SkillKnowledge::substitutes);
    }

    /** All the knowledge fields of all the skills in a response come from one statement (one DataLoader). */
    private static <T> CompletableFuture<T> about(Skill skill, DataLoader<String, SkillKnowledge> loader,
            Function<SkillKnowledge, T> part) {
        return loader.load(skill.id()).thenApply(known -> part.apply(known == null ? SkillKnowledge.NONE : known));
    }
}
