package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline the solver is measured against: how a secretary would fill seats by hand — first come
 * (tasks by start time), first fit (the most skilled, then the nearest member who breaks no rule). It
 * never looks at fairness, so the same capable neighbours are asked again and again.
 */
final class GreedyBaseline {

    private GreedyBaseline() {
    }

    /** Fills the open seats of {@code plan} in place and returns it. */
    static MatchingPlan plan(MatchingPlan plan) {
        Map<Candidate, List<TaskFact>> planned = new HashMap<>();
        Map<Candidate, Map<Integer, Integer>> weekMinutes = new HashMap<>();
        for (Seat seat : plan.getSeats()) {
            if (seat.isPinned() && seat.getMember() != null) {
                add(seat.getMember(), seat.getTask(), planned, weekMinutes);
            }
        }
        List<Seat> open = new ArrayList<>(plan.getSeats().stream().filter(s -> !s.isPinned()).toList());
        open.sort(Comparator.comparingLong((Seat s) -> s.getTask().start()).thenComparing(Seat::getId));
        for (Seat seat : open) {
            TaskFact task = seat.getTask();
            seat.getCandidates().stream()
                    .filter(m -> FillEmptySeats.plausible(m, task, plan.getPool()))
                    .filter(m -> planned.getOrDefault(m, List.of()).stream().noneMatch(t -> t.overlaps(task.start(), task.end())))
                    .filter(m -> m.committedIn(task.week()) + weekMinutes.getOrDefault(m, Map.of()).getOrDefault(task.week(), 0)
                            + task.minutes() <= m.weeklyCapMinutes())
                    .min(Comparator.comparingInt((Candidate m) -> -m.bestLevel(task.skillIds()))
                            .thenComparingInt(m -> -Matching.proximity(m, task))
                            .thenComparing(Candidate::id))
                    .ifPresent(m -> {
                        seat.setMember(m);
                        add(m, task, planned, weekMinutes);
                    });
        }
        return plan;
    }

    private static void add(Candidate member, TaskFact task, Map<Candidate, List<TaskFact>> planned,
            Map<Candidate, Map<Integer, Integer>> weekMinutes) {
        planned.computeIfAbsent(member, k -> new ArrayList<>()).add(task);
        weekMinutes.computeIfAbsent(member, k -> new HashMap<>()).merge(task.week(), task.minutes(), Integer::sum);
    }
}
