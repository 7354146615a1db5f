package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.matching.CandidateLoader.Period;
import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.platform.neo4j.GraphChanges;

/**
 * Keeps what a recommendation reads between writes: each community's candidates (about 5 ms of 8 to rank one task
 * for a community of 70 members on the city data), the tasks and the members shown (each a statement, together
 * about half of what remained). They change only when something is written. What is kept is dropped at the first
 * commit that changes the graph, whatever it changed and whoever wrote it ({@link GraphChanges}), and when the week or the year turns; with a database this process cannot
 * watch (an external server or cluster) nothing is kept. Candidates are shared between requests: nobody changes them.
 */
@Component
class CandidateCache {

    /** What was read while the graph stood at {@code version}, counted from {@code period}. */
    private record Kept(long version, Period period, Map<String, List<Candidate>> byCommunity,
            Map<String, LoadedTask> tasks, Map<String, Member> members) {
    }

    private final CandidateLoader loader;
    private final MemberService memberService;
    private final GraphChanges changes;
    private volatile Kept kept;

    CandidateCache(CandidateLoader loader, MemberService members, ObjectProvider<GraphChanges> changes) {
        this.loader = loader;
        this.memberService = members;
        this.changes = changes.getIfAvailable(GraphChanges::unwatched);
    }

    /** The task, as {@link CandidateLoader#task} reads it. Unknown ids are not kept: anyone may ask for any. */
    Optional<LoadedTask> task(String taskId) {
        OptionalLong version = changes.version();
        if (version.isEmpty() || taskId == null) {
            return loader.task(taskId);
        }
        Map<String, LoadedTask> known = current(version.getAsLong(), Period.now()).tasks();
        LoadedTask task = known.get(taskId);
        if (task != null) {
            return Optional.of(task);
        }
        Optional<LoadedTask> read = loader.task(taskId);
        read.ifPresent(t -> known.put(taskId, t));
        return read;
    }

    /** The members by id, as {@link MemberService#members} reads them (unknown ids left out). */
    Map<String, Member> members(List<String> ids) {
        OptionalLong version = changes.version();
        if (version.isEmpty()) {
            return memberService.members(ids);
        }
        Map<String, Member> known = current(version.getAsLong(), Period.now()).members();
        List<String> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            known.putAll(memberService.members(missing));
        }
        Map<String, Member> members = new HashMap<>();
        ids.stream().filter(known::containsKey).forEach(id -> members.put(id, known.get(id)));
        return members;
    }

    /**
     * The members confirmed in the communities, but {@code exclude}, by id. Claims on every task count as busy: a
     * task's own claimants are among {@code exclude} (they are its {@code claimedBy}), so ranking for it is as if its
     * claims were left out.
     */
    List<Candidate> candidates(List<String> communityIds, Collection<String> exclude) {
        OptionalLong version = changes.version(); // before reading: a write from now on makes what is read stale
        Period period = Period.now();
        Map<String, List<Candidate>> byCommunity;
        if (version.isEmpty()) {
            byCommunity = loader.candidatesByCommunity(communityIds, period);
        } else {
            Kept current = current(version.getAsLong(), period);
            List<String> missing = communityIds.stream().filter(id -> !current.byCommunity().containsKey(id)).toList();
            if (!missing.isEmpty()) {
                loader.candidatesByCommunity(missing, period).forEach((id, list) -> current.byCommunity().put(id, List.copyOf(list)));
            }
            byCommunity = current.byCommunity();
        }
        Set<String> excluded = Set.copyOf(exclude);
        List<Candidate> candidates = new ArrayList<>();
        for (String community : communityIds) {
            byCommunity.get(community).stream().filter(c -> !excluded.contains(c.id())).forEach(candidates::add);
        }
        candidates.sort(Comparator.comparing(Candidate::id));
        return candidates;
    }

    /** What was kept at this version and period, or a new empty store for them. */
    private Kept current(long version, Period period) {
        Kept current = kept;
        if (current == null || current.version() != version || !current.period().equals(period)) {
            current = new Kept(version, period, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
            kept = current;
        }
        return current;
    }
}
