package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The exact core of a matching problem: its member seats as a minimum-cost flow, solved to optimality.
 * <p>
 * Each open seat sends one unit to a member who may take it (pool, skill or stand-in, availability, not
 * busy, not in a pinned seat at the time), through a node per member and time window (seats whose windows
 * share a moment: one at most), a node per member and week (as many seats as the weekly cap leaves room
 * for) and the member's own arcs to the sink, whose k-th carries what a k-th task adds to the square of
 * their hours. An arc's cost is minus the seat's soft score ({@link Matching#seatSoft}) plus the fairness
 * its own hours add. The most seats are filled first, then the best soft score: exactly the order of the
 * plan's score (medium before soft).
 * <p>
 * Where windows are either the same or apart and a member's tasks are equally long, the flow <em>is</em>
 * the problem and its answer is the optimum; otherwise it is a relaxation — its value a bound no plan can
 * beat — and its assignment, cleared of what the flow could not see, a first plan for local search. Team
 * seats are not part of it.
 */
final class ExactCore {

    /** Rounds of closing the arcs whose choice did not fit (a few suffice; each closes at least one arc). */
    private static final int MAX_ROUNDS = 20;

    /** Who sits where (seat id → member), the seats filled and the soft score gained, by the flow. */
    record Result(Map<String, Candidate> assignment, int filled, long gain, double seconds) {

        /** The best score any plan can reach, given the score of the same plan with every open member seat empty. */
        HardMediumSoftLongScore bound(HardMediumSoftLongScore empty) {
            return HardMediumSoftLongScore.of(0, empty.mediumScore() + filled, empty.softScore() + gain);
        }
    }

    private ExactCore() {
    }

    /** Solves the core of the plan's open member seats, one flow per community (per street if widened), in parallel. */
    static Result solve(MatchingPlan plan) {
        long started = System.nanoTime();
        Map<String, List<Seat>> components = new LinkedHashMap<>();
        for (Seat seat : plan.getSeats()) {
            if (!seat.isPinned()) {
                components.computeIfAbsent(componentOf(seat.getTask(), plan.getPool()), k -> new ArrayList<>()).add(seat);
            }
        }
        Pinned pinned = Pinned.of(plan);
        Map<String, Candidate> assignment = new ConcurrentHashMap<>();
        long[] totals = components.values().parallelStream()
                .map(seats -> {
                    Component bounding = new Component(seats, pinned, plan.getPool(), plan.getWeights(), false);
                    long[] value = bounding.solve();
                    // where a member's tasks differ in length the bound under-counts the fairness of piling
                    // tasks on one member: the plan is drawn from a flow that over-counts it instead
                    Component planning = bounding.loadsEqual() ? bounding
                            : new Component(seats, pinned, plan.getPool(), plan.getWeights(), true);
                    if (planning != bounding) {
                        planning.solve();
                    }
                    planning.seat(assignment);
                    return value;
                })
                .reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        return new Result(Map.copyOf(assignment), (int) totals[0], totals[1],
                (System.nanoTime() - started) / 1e9);
    }

    /** Seats of different components share no member: without the street pool, a community is one. */
    static String componentOf(TaskFact task, CandidatePool pool) {
        return pool != null && pool.streetWide() && task.streetId() != null ? "S:" + task.streetId() : "C:" + task.communityId();
    }

    /** What pinned seats (existing claims) already give each member: hours, windows, minutes per week. */
    record Pinned(Map<Candidate, Integer> hours, Map<Candidate, List<TaskFact>> tasks) {

        static Pinned of(MatchingPlan plan) {
            Map<Candidate, Integer> hours = new HashMap<>();
            Map<Candidate, List<TaskFact>> tasks = new HashMap<>();
            for (Seat seat : plan.getSeats()) {
                if (seat.isPinned() && seat.getMember() != null) {
                    hours.merge(seat.getMember(), Matching.loadHours(seat.getTask().minutes()), Integer::sum);
                    tasks.computeIfAbsent(seat.getMember(), k -> new ArrayList<>()).add(seat.getTask());
                }
            }
            return new Pinned(hours, tasks);
        }

        /** Hours the member carries before any open seat: served this year plus pinned seats. */
        int base(Candidate member) {
            return Matching.servedHours(member.historyMinutes()) + hours.getOrDefault(member, 0);
        }

        boolean overlaps(Candidate member, TaskFact task) {
            return tasks.getOrDefault(member, List.of()).stream().anyMatch(t -> t.overlaps(task.start(), task.end()));
        }

        /** Minutes left under the weekly cap in the task's week. */
        int freeMinutes(Candidate member, int week) {
            int pinnedMinutes = tasks.getOrDefault(member, List.of()).stream().filter(t -> t.week() == week)
                    .mapToInt(TaskFact::minutes).sum();
            return member.weeklyCapMinutes() - member.committedIn(week) - pinnedMinutes;
        }
    }

    private record Choice(Seat seat, Candidate member, int arc, long cost) {
    }

    /** One community's (or widened street's) flow network. */
    private static final class Component {
        private final List<Seat> seats;
        private final Pinned pinned;
        private final CandidatePool pool;
        private final MatchingWeights weights;
        private final MinCostFlow flow = new MinCostFlow();
        private final int source = flow.addNode();
        private final int sink = flow.addNode();
        private final Map<Candidate, MemberNodes> members = new HashMap<>();
        private final List<Choice> choices = new ArrayList<>();
        /** Cross terms of fairness counted with the member's longest task instead of the shortest. */
        private final boolean cautious;

        Component(List<Seat> seats, Pinned pinned, CandidatePool pool, MatchingWeights weights, boolean cautious) {
            this.cautious = cautious;
            this.seats = seats;
            this.pinned = pinned;
            this.pool = pool;
            this.weights = weights;
        }

        /** Builds the network and solves it; returns {seats filled, soft gained}. */
        long[] solve() {
            Map<TaskFact, Integer> windows = TimeWindows.of(seats.stream().map(Seat::getTask).distinct().toList());
            for (Seat seat : seats) {
                int seatNode = flow.addNode();
                flow.addArc(source, seatNode, 1, 0);
                TaskFact task = seat.getTask();
                for (Candidate member : seat.getCandidates()) {
                    if (!FillEmptySeats.plausible(member, task, pool) || pinned.overlaps(member, task)) {
                        continue;
                    }
                    MemberNodes nodes = members.computeIfAbsent(member, MemberNodes::new);
                    long cost = -Matching.seatSoft(member, task, weights) + (long) weights.fairness()
                            * Matching.addedSquare(pinned.base(member), Matching.loadHours(task.minutes()));
                    int arc = flow.addArc(seatNode, nodes.window(windows.get(task), task), 1, cost);
                    choices.add(new Choice(seat, member, arc, cost));
                }
            }
            members.values().forEach(MemberNodes::connect);
            long[] solved = flow.solve(source, sink);
            return new long[] {solved[0], -solved[1]};
        }

        boolean loadsEqual() {
            return members.values().stream().allMatch(m -> m.shortestLoad == m.longestLoad);
        }

        /** Adds what the flow decided to {@code assignment}. */
        void seat(Map<String, Candidate> assignment) {
            // The flow cannot see windows that overlap in part, nor a cap shared by tasks of different
            // lengths: keep what it chose, best arcs first, while it fits; close the arcs that did not and
            // solve again, until everything chosen fits. The first solve is the bound.
            choices.sort(Comparator.comparingLong(Choice::cost));
            List<Choice> misfits = keep(assignment);
            for (int round = 1; round < MAX_ROUNDS && !misfits.isEmpty(); round++) {
                misfits.forEach(choice -> flow.close(choice.arc()));
                flow.solve(source, sink);
                misfits = keep(assignment);
            }
        }

        /** Puts the flow's choices that fit into {@code assignment} (replacing earlier ones); returns the rest. */
        private List<Choice> keep(Map<String, Candidate> assignment) {
            choices.forEach(choice -> assignment.remove(choice.seat().getId()));
            Map<Candidate, List<TaskFact>> kept = new HashMap<>();
            List<Choice> misfits = new ArrayList<>();
            for (Choice choice : choices) {
                if (flow.flow(choice.arc()) > 0) {
                    if (fits(choice.member(), choice.seat().getTask(), kept)) {
                        kept.computeIfAbsent(choice.member(), k -> new ArrayList<>()).add(choice.seat().getTask());
                        assignment.put(choice.seat().getId(), choice.member());
                    } else {
                        misfits.add(choice);
                    }
                }
            }
            return misfits;
        }

        private boolean fits(Candidate member, TaskFact task, Map<Candidate, List<TaskFact>> kept) {
            List<TaskFact> mine = kept.getOrDefault(member, List.of());
            if (mine.stream().anyMatch(t -> t.overlaps(task.start(), task.end()))) {
                return false;
            }
            int week = task.week();
            int minutes = mine.stream().filter(t -> t.week() == week).mapToInt(TaskFact::minutes).sum() + task.minutes();
            return minutes <= pinned.freeMinutes(member, week);
        }

        /** A member's nodes: one per window, one per week, one for the member; arcs to the sink added last. */
        private final class MemberNodes {
            private final Candidate member;
            private final int node = flow.addNode();
            private final Map<Long, Integer> windowNodes = new HashMap<>();
            private final Map<Integer, Integer> weekNodes = new HashMap<>();
            private final Map<Integer, Integer> shortestInWeek = new HashMap<>();
            private int shortestLoad = Integer.MAX_VALUE;
            private int longestLoad;

            MemberNodes(Candidate member) {
                this.member = member;
            }

            int window(int window, TaskFact task) {
                int week = task.week();
                shortestInWeek.merge(week, task.minutes(), Math::min);
                shortestLoad = Math.min(shortestLoad, Matching.loadHours(task.minutes()));
                longestLoad = Math.max(longestLoad, Matching.loadHours(task.minutes()));
                int weekNode = weekNodes.computeIfAbsent(week, w -> flow.addNode());
                return windowNodes.computeIfAbsent(((long) window << 32) | (week & 0xffffffffL), key -> {
                    int windowNode = flow.addNode();
                    flow.addArc(windowNode, weekNode, 1, 0);
                    return windowNode;
                });
            }

            /**
             * Week arcs with the room the cap leaves (counted in the member's shortest task of that week), then
             * the k-th unit to the sink costs the cross terms of the k-th task's square, 2(k−1)·d² for the
             * member's shortest load d — exact for equal loads, never more than the truth otherwise (the
             * longest load, when {@code cautious}: never less).
             */
            void connect() {
                weekNodes.forEach((week, weekNode) -> {
                    int free = pinned.freeMinutes(member, week);
                    int room = free <= 0 ? 0 : free / shortestInWeek.get(week);
                    flow.addArc(weekNode, node, Math.min(room, windowNodes.size()), 0);
                });
                int most = windowNodes.size();
                if (weights.fairness() == 0) {
                    flow.addArc(node, sink, most, 0);
                    return;
                }
                long square = cautious ? (long) longestLoad * longestLoad : (long) shortestLoad * shortestLoad;
                for (int k = 1; k <= most; k++) {
                    flow.addArc(node, sink, 1, 2L * (k - 1) * square * weights.fairness());
                }
            }
        }
    }
}
