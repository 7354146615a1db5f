package cn.nantong.tongtongzai.matching;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instance and plan files of {@code solve} (documented in docs/matching-files.md): members, tasks with
 * their headcount and existing claims, weights; the plan is every seat with its member or none, the
 * score and the score of each constraint.
 */
public final class InstanceFile {

    private InstanceFile() {
    }

    /** {@code streetWide}: members may serve any community of their street (default: their own only). */
    public record Instance(Weights weights, Boolean streetWide, List<MemberEntry> members, List<TeamEntry> teams,
            List<TaskEntry> tasks) {
    }

    /** A functional branch or group for team tasks: size, members per skill and per grid, hours so far. */
    public record TeamEntry(String id, String name, String branchId, String communityId, int members,
            Map<String, Integer> skillHolders, Map<String, Integer> residentsByGrid, Double historyHours) {
    }

    /** Soft weights; a missing one keeps its default, 0 switches it off. */
    public record Weights(Integer proximity, Integer skillLevel, Integer postCategory, Integer fairness,
            Integer continuity, Integer satisfaction, Integer difficulty) {
    }

    public record Window(String start, String end) {
    }

    public record MemberEntry(String id, String name, Map<String, Integer> skills, List<String> availability,
            List<String> postCategories, String microGridId, String gridId, String communityId, String streetId,
            Double historyHours, Double weeklyCapHours, List<Window> busy, Double satisfaction,
            List<String> servedResidents) {
    }

    /** {@code audience} TEAMS: a team task, offered to {@code teamIds} (branches, and their groups). */
    public record TaskEntry(String id, String title, String kind, Integer difficulty, String start, String end,
            List<String> skills, String categoryId, String microGridId, String gridId, String communityId,
            String streetId, List<String> residents, int headcount, List<String> claimedBy, String audience,
            List<String> teamIds, List<String> claimedByTeams, List<SubstituteEntry> substitutes) {
    }

    /** A skill that can stand in for the task's (knowledge graph SUBSTITUTES), its name and strength 0–1. */
    public record SubstituteEntry(String skillId, String name, double strength) {
    }

    /**
     * {@code bound}: the best score any plan can reach, by the exact core (null when team seats are open);
     * {@code optimal}: the plan reached it; {@code parts}: the independent problems solved (communities).
     */
    public record Plan(Score score, boolean feasible, int seats, int seatsFilled, double seconds,
            List<Assignment> assignments, List<ConstraintScore> constraints, Score bound, Boolean optimal, int parts) {
    }

    public record Score(long hard, long medium, long soft) {
    }

    /**
     * A seat and who is in it: {@code memberId} for a member seat, {@code teamId} for a team task's seat
     * (both null: empty); pinned seats are the existing claims.
     */
    public record Assignment(String seatId, String taskId, String memberId, String teamId, boolean pinned) {
    }

    public record ConstraintScore(String name, long hard, long medium, long soft, int matches) {
    }

    static MatchingWeights weights(Weights w) {
        MatchingWeights d = MatchingWeights.DEFAULT;
        if (w == null) {
            return d;
        }
        return new MatchingWeights(or(w.proximity(), d.proximity()), or(w.skillLevel(), d.skillLevel()),
                or(w.postCategory(), d.postCategory()), or(w.fairness(), d.fairness()), or(w.continuity(), d.continuity()),
                or(w.satisfaction(), d.satisfaction()), or(w.difficulty(), d.difficulty()));
    }

    /** The planning problem an instance describes: open seats empty, claimed seats pinned. */
    static MatchingPlan problem(Instance instance) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Candidate> byId = new HashMap<>();
        for (MemberEntry m : list(instance.members())) {
            List<long[]> busy = new ArrayList<>();
            Map<Integer, Integer> committed = new HashMap<>();
            for (Window w : list(m.busy())) {
                long start = minute(w.start());
                long end = minute(w.end());
                busy.add(new long[] {start, end});
                committed.merge(Availability.week(start), (int) (end - start), Integer::sum);
            }
            Candidate c = new Candidate(m.id(), m.name(), m.skills() == null ? Map.of() : m.skills(),
                    new HashSet<>(list(m.availability())), Set.copyOf(list(m.postCategories())), m.microGridId(), m.gridId(),
                    m.communityId(), m.streetId(), (int) Math.round(or(m.historyHours(), 0.0) * 60), busy, committed,
                    (int) Math.round(or(m.weeklyCapHours(), CandidateLoader.DEFAULT_WEEKLY_CAP_MINUTES / 60.0) * 60),
                    m.satisfaction(), Set.copyOf(list(m.servedResidents())));
            candidates.add(c);
            byId.put(c.id(), c);
        }
        List<Team> teams = new ArrayList<>();
        Map<String, Team> teamsById = new HashMap<>();
        for (TeamEntry e : list(instance.teams())) {
            Team team = new Team(e.id(), e.name(), e.branchId() == null ? e.id() : e.branchId(), e.communityId(), e.members(),
                    e.skillHolders() == null ? Map.of() : e.skillHolders(),
                    e.residentsByGrid() == null ? Map.of() : e.residentsByGrid(), (int) Math.round(or(e.historyHours(), 0.0) * 60));
            teams.add(team);
            teamsById.put(team.id(), team);
        }
        List<TaskFact> facts = new ArrayList<>();
        List<Seat> seats = new ArrayList<>();
        List<TeamSeat> teamSeats = new ArrayList<>();
        for (TaskEntry t : list(instance.tasks())) {
            long start = minute(t.start());
            long end = minute(t.end());
            Map<String, Double> substitutes = new HashMap<>();
            Map<String, String> substituteNames = new HashMap<>();
            for (SubstituteEntry s : list(t.substitutes())) {
                if (s.strength() < 0 || s.strength() > 1) {
                    throw new IllegalArgumentException("task " + t.id() + ": substitute strength must be within 0–1");
                }
                if (s.strength() < CandidateLoader.MIN_SUBSTITUTE_STRENGTH) {
                    continue; // too weak to stand in, as for the service's own tasks
                }
                substitutes.merge(s.skillId(), s.strength(), Math::max);
                substituteNames.put(s.skillId(), s.name() == null ? s.skillId() : s.name());
            }
            TaskFact fact = new TaskFact(t.id(), t.title(), t.kind() == null ? "MICRO_SERVICE" : t.kind(),
                    or(t.difficulty(), 1), start, end, Availability.slots(start, end), Set.copyOf(list(t.skills())),
                    t.categoryId(), t.microGridId(), t.gridId(), t.communityId(), t.streetId(), Set.copyOf(list(t.residents())),
                    Map.copyOf(substitutes), Map.copyOf(substituteNames));
            facts.add(fact);
            for (String memberId : list(t.claimedBy())) {
                if (!byId.containsKey(memberId)) {
                    throw new IllegalArgumentException("task " + t.id() + " is claimed by unknown member " + memberId);
                }
            }
            for (String teamId : list(t.claimedByTeams())) {
                if (!teamsById.containsKey(teamId)) {
                    throw new IllegalArgumentException("task " + t.id() + " is claimed by unknown team " + teamId);
                }
            }
            OpenSeats open = OpenSeats.of(fact, t.headcount(), list(t.claimedBy()), "TEAMS".equals(t.audience()),
                    Set.copyOf(list(t.teamIds())), list(t.claimedByTeams()), byId, teamsById);
            seats.addAll(open.members());
            teamSeats.addAll(open.teams());
        }
        return new MatchingPlan(candidates, teams, facts, seats, teamSeats, weights(instance.weights()),
                Boolean.TRUE.equals(instance.streetWide()) ? CandidatePool.STREET : CandidatePool.COMMUNITY);
    }

    private static long minute(String time) {
        return OffsetDateTime.parse(time).toEpochSecond() / 60;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
