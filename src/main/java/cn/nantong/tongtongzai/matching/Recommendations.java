package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.Member;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.task.Task;

/**
 * 为任务推荐党员: every member registered with the task's community is put into one seat of the task, and
 * the constraints score all of them in one pass (one seat each, so nobody competes with anybody); the
 * candidates are ranked by that score — rules first, then preferences — each with its reasons.
 */
@Service
public class Recommendations {

    static final int MAX = 50;

    private final CandidateLoader loader;
    private final CandidateCache kept;
    private final PlanExplainer explainer;

    Recommendations(CandidateLoader loader, CandidateCache kept, PlanExplainer explainer) {
        this.loader = loader;
        this.kept = kept;
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
        LoadedTask task = kept.task(taskId).orElseThrow(() -> new UserInputException(ErrorCode.TASK_NOT_FOUND, "找不到该任务。"));
        if (!Task.OPEN_STATES.contains(task.state())) {
            throw new UserInputException(ErrorCode.TASK_NOT_OPEN, "任务已结束或已取消，无需推荐。");
        }
        if (task.forTeams()) {
            throw new UserInputException(ErrorCode.TEAM_TASK, "该任务面向功能型党支部/党小组：请用匹配任务（startMatching）为其推荐党组织。");
        }
        List<String> communities = pool.streetWide() ? loader.communitiesOfStreet(task.fact().streetId())
                : List.of(task.fact().communityId());
        List<Candidate> candidates = kept.candidates(communities, task.claimedBy());
        List<Seat> seats = new ArrayList<>();
        Map<Seat, Candidate> seatOf = new HashMap<>();
        for (Candidate candidate : candidates) {
            Seat seat = new Seat(task.fact().id() + "#" + candidate.id(), task.fact(), candidate, false);
            seats.add(seat);
            seatOf.put(seat, candidate);
        }
        MatchingPlan plan = new MatchingPlan(candidates, List.of(), List.of(task.fact()), seats, List.of(), weights, pool);
        // every candidate is scored; only those shown are put into words (most of an explanation's cost)
        Map<Object, PlanExplainer.Scored> scores = explainer.scores(plan);
        PlanExplainer.Scored none = PlanExplainer.Scored.of(List.of());
        seats.sort(Comparator.comparingLong((Seat seat) -> scores.getOrDefault(seat, none).hard()).reversed()
                .thenComparing(Comparator.comparingLong((Seat seat) -> scores.getOrDefault(seat, none).soft()).reversed())
                .thenComparing(seat -> seatOf.get(seat).id()));
        List<Seat> shown = seats.subList(0, Math.min(limit, seats.size()));
        Map<String, Member> chosen = kept.members(shown.stream().map(seat -> seatOf.get(seat).id()).toList());
        List<Recommendation> top = new ArrayList<>();
        for (Seat seat : shown) {
            PlanExplainer.Scored scored = scores.getOrDefault(seat, none);
            String memberId = seatOf.get(seat).id();
            top.add(new Recommendation(top.size() + 1, memberId, scored.hard() == 0, scored.hard(), scored.medium(),
                    scored.soft(), explainer.reasons(seat, scored), chosen.get(memberId)));
        }
        return top;
    }
}
