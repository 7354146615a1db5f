package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * 为任务推荐党员: every member registered with the task's community is put into one seat of the task, and
 * the constraints score all of them in one pass (one seat each, so nobody competes with anybody); the
 * candidates are ranked by that score — rules first, then preferences — each with its reasons.
 */
@Service
public class Recommendations {

    static final int MAX = 50;

    private final CandidateLoader loader;
    private final CandidateCache candidateCache;
    private final PlanExplainer explainer;
    private final MemberService members;

    Recommendations(CandidateLoader loader, CandidateCache candidates, PlanExplainer explainer, MemberService members) {
        this.loader = loader;
        this.candidateCache = candidates;
        this.members = members;
        this.explainer = explainer;
    }

    public List<Recommendation> recommend(String taskId, Integer first, MatchingWeights weights) {
        return recommend(taskId, first, weights, CandidatePool.COMMUNITY);
    }

    /** As above; with {@link CandidatePool#STREET} members registered anywhere in the task's street are ranked too. */
    @Transactional(readOnly = true) // the task, its candidates and the chosen members in one read transaction
    public List<Recommendation> recommend(String taskId, Integer first, MatchingWeights weights, CandidatePool pool) {
        int limit = first == null ? 10 : first;
        if (limit < 1 || limit > MAX) {
            throw new UserInputException(ErrorCode.INVALID_PAGE, "first 须在1至" + MAX + "之间。");
        }
        LoadedTask task = loader.task(taskId).orElseThrow(() -> new UserInputException(ErrorCode.TASK_NOT_FOUND, "找不到该任务。"));
        if (!List.of("DRAFT", "PUBLISHED", "IN_PROGRESS").contains(task.state())) {
            throw new UserInputException(ErrorCode.TASK_NOT_OPEN, "任务已结束或已取消，无需推荐。");
        }
        if (task.forTeams()) {
            throw new UserInputException(ErrorCode.TEAM_TASK, "该任务面向功能型党支部/党小组：请用匹配任务（startMatching）为其推荐党组织。");
        }
        List<String> communities = pool.streetWide() ? loader.communitiesOfStreet(task.fact().streetId())
                : List.of(task.fact().communityId());
        List<Candidate> candidates = candidateCache.candidates(communities, task.claimedBy());
        List<Seat> seats = new ArrayList<>();
        Map<Seat, Candidate> seatOf = new HashMap<>();
        for (Candidate candidate : candidates) {
            Seat seat = new Seat(task.fact().id() + "#" + candidate.id(), task.fact(), candidate, false);
            seats.add(seat);
            seatOf.put(seat, candidate);
        }
        MatchingPlan plan = new MatchingPlan(candidates, List.of(), List.of(task.fact()), seats, List.of(), weights, pool);
        Map<Seat, PlanExplainer.SeatExplanation> explained = explainer.explain(plan).seats();
        List<Recommendation> ranked = new ArrayList<>();
        for (Seat seat : seats) {
            PlanExplainer.SeatExplanation e = explained.getOrDefault(seat, new PlanExplainer.SeatExplanation(0, 0, 0, List.of()));
            ranked.add(new Recommendation(0, seatOf.get(seat).id(), e.hard() == 0, e.hard(), e.medium(), e.soft(), e.reasons(), null));
        }
        ranked.sort(Comparator.comparingLong(Recommendation::hard).reversed()
                .thenComparing(Comparator.comparingLong(Recommendation::soft).reversed())
                .thenComparing(Recommendation::memberId));
        List<Recommendation> top = new ArrayList<>();
        Map<String, Member> chosen = members.members(ranked.stream().limit(limit).map(Recommendation::memberId).toList());
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            Recommendation r = ranked.get(i);
            top.add(new Recommendation(i + 1, r.memberId(), r.feasible(), r.hard(), r.medium(), r.soft(), r.reasons(),
                    chosen.get(r.memberId())));
        }
        return top;
    }
}
