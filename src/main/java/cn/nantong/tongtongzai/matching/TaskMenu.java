package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * 以菜单形式线上派发: a member's menu — the published individual tasks of the community they are confirmed
 * with, each scored as if the member took its seat, by the same constraints and words as the secretary's
 * recommendations. Each task is scored on its own (two tasks of the menu at the same hour do not spoil each
 * other; a claim the member already holds does). Tasks that fit — no rule broken: skill, free time, other
 * claims, weekly hours — come first, best first.
 */
@Service
public class TaskMenu {

    static final int MAX = 50;
    /** Published tasks of a community read for one menu; a community publishes a few dozen at once. */
    private static final int TASKS_READ = 200;

    /** One dish: the task, whether it fits, its score and reasons. */
    public record MenuItem(int rank, String taskId, boolean fits, long hard, long medium, long soft,
            List<Recommendation.Reason> reasons) {
    }

    private final CandidateLoader loader;
    private final PlanExplainer explainer;

    TaskMenu(CandidateLoader loader, PlanExplainer explainer) {
        this.loader = loader;
        this.explainer = explainer;
    }

    /** The member's menu; empty while they are not confirmed with a community. */
    @Transactional(readOnly = true)
    public List<MenuItem> menu(String memberId, Integer first, Boolean fitOnly) {
        int limit = first == null ? 10 : first;
        if (limit < 1 || limit > MAX) {
            throw new UserInputException(ErrorCode.INVALID_PAGE, "first 须在1至" + MAX + "之间。");
        }
        Optional<Candidate> member = loader.candidate(memberId);
        if (member.isEmpty()) {
            return List.of();
        }
        Candidate candidate = member.get();
        List<MenuItem> scored = new ArrayList<>();
        for (LoadedTask task : loader.openTasksFor(candidate.communityId(), candidate.id(), TASKS_READ)) {
            Seat seat = new Seat(task.fact().id() + "#" + candidate.id(), task.fact(), candidate, false);
            MatchingPlan plan = new MatchingPlan(List.of(candidate), List.of(task.fact()), List.of(seat),
                    MatchingWeights.DEFAULT);
            PlanExplainer.SeatExplanation e = explainer.explain(plan).seats()
                    .getOrDefault(seat, new PlanExplainer.SeatExplanation(0, 0, 0, List.of()));
            if (e.hard() == 0 || !Boolean.TRUE.equals(fitOnly)) {
                scored.add(new MenuItem(0, task.fact().id(), e.hard() == 0, e.hard(), e.medium(), e.soft(), e.reasons()));
            }
        }
        scored.sort(Comparator.comparingLong(MenuItem::hard).reversed()
                .thenComparing(Comparator.comparingLong(MenuItem::soft).reversed())
                .thenComparing(MenuItem::taskId));
        List<MenuItem> ranked = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, scored.size()); i++) {
            MenuItem m = scored.get(i);
            ranked.add(new MenuItem(i + 1, m.taskId(), m.fits(), m.hard(), m.medium(), m.soft(), m.reasons()));
        }
        return ranked;
    }
}
