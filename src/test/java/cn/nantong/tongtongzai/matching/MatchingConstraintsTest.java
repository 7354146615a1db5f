package cn.nantong.tongtongzai.matching;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/** One test per constraint, with the real constraint streams on Bavet (no solver, no database). */
class MatchingConstraintsTest {

    static final ConstraintVerifier<MatchingConstraints, MatchingPlan> VERIFIER =
            ConstraintVerifier.build(new MatchingConstraints(), MatchingPlan.class, Seat.class, TeamSeat.class)
                    .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);
    static final MatchingWeights WEIGHTS = MatchingWeights.DEFAULT;

    /** Saturday 2026-12-05 09:00–11:00 Nantong time: WEEKEND_MORNING. */
    static final long SAT_9 = OffsetDateTime.parse("2026-12-05T09:00+08:00").toEpochSecond() / 60;

    static TaskFact task(String id, long start, int minutes, Set<String> skills, int difficulty) {
        return new TaskFact(id, "更换楼道灯", "MICRO_SERVICE", difficulty, start, start + minutes,
                Availability.slots(start, start + minutes), skills, "HELP_THE_NEEDY", "C1-W01-P1-M01", "C1-W01", "C1", "S1",
                Set.of("R1"));
    }

    static TaskFact lights() {
        return task("T1", SAT_9, 120, Set.of("plumbing_electrical"), 2);
    }

    static Candidate member(String id) {
        return new Candidate(id, "党员" + id, Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"),
                Set.of("HELP_THE_NEEDY"), "C1-W02-P1-M01", "C1-W02", "C1", "S1", 0, List.of(), Map.of(), 8 * 60, null,
                Set.of());
    }

    static Candidate with(Candidate c, Map<String, Integer> skills, Set<String> availability, String microGrid,
            String grid, int history, List<long[]> busy, Map<Integer, Integer> committed, Double satisfaction,
            Set<String> served) {
        return new Candidate(c.id(), c.name(), skills, availability, c.postCategories(), microGrid, grid, c.communityId(),
                c.streetId(), history, busy, committed, c.weeklyCapMinutes(), satisfaction, served);
    }

    static Seat seat(String id, TaskFact task, Candidate member) {
        return new Seat(id, task, member, false);
    }

    @Test
    void outsideCommunity() {
        Candidate elsewhere = new Candidate("M9", "党员", Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"),
                Set.of(), "C2-W01-P1-M01", "C2-W01", "C2", "S1", 0, List.of(), Map.of(), 480, null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::outsideCommunity).given(seat("S1", lights(), elsewhere)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::outsideCommunity).given(seat("S1", lights(), member("M1"))).penalizesBy(0);
        // widened to the street, a member of another community of the same street may serve; another street's may not
        VERIFIER.verifyThat(MatchingConstraints::outsideCommunity).given(CandidatePool.STREET, seat("S1", lights(), elsewhere)).penalizesBy(0);
        Candidate otherStreet = new Candidate("M8", "党员", Map.of(), Set.of(), Set.of(), null, null, "C3", "S2", 0, List.of(),
                Map.of(), 480, null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::outsideCommunity).given(CandidatePool.STREET, seat("S1", lights(), otherStreet)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::outsideCommunity).given(CandidatePool.COMMUNITY, seat("S1", lights(), elsewhere)).penalizesBy(1);
    }

    @Test
    void requiredSkill() {
        Candidate without = with(member("M1"), Map.of("cleaning", 3), Set.of("WEEKEND_MORNING"), "x", "y", 0, List.of(), Map.of(), null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill).given(seat("S1", lights(), without)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill).given(seat("S1", lights(), member("M2"))).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill)
                .given(seat("S1", task("T2", SAT_9, 60, Set.of(), 1), without)).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill)
                .given(new Seat("S1", lights(), without, true)).penalizesBy(0, "an existing claim is a fact");
    }

    @Test
    void availability() {
        Candidate weekdays = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKDAY_EVENING"), "x", "y", 0, List.of(), Map.of(), null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::availability).given(seat("S1", lights(), weekdays)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::availability).given(seat("S1", lights(), member("M2"))).penalizesBy(0);
        TaskFact flood = new TaskFact("T9", "防汛", "EMERGENCY", 4, SAT_9, SAT_9 + 60, Set.of("WEEKEND_MORNING"), Set.of(),
                null, null, null, "C1", "S1", Set.of());
        VERIFIER.verifyThat(MatchingConstraints::availability).given(seat("S1", flood, weekdays)).penalizesBy(0);
    }

    @Test
    void overlappingSeats() {
        Candidate m = member("M1");
        TaskFact overlapping = task("T2", SAT_9 + 60, 120, Set.of("plumbing_electrical"), 2);
        TaskFact later = task("T3", SAT_9 + 180, 60, Set.of("plumbing_electrical"), 2);
        VERIFIER.verifyThat(MatchingConstraints::overlappingSeats)
                .given(seat("S1", lights(), m), seat("S2", overlapping, m), seat("S3", later, m)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::overlappingSeats)
                .given(seat("S1", lights(), m), seat("S2", lights(), m)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::overlappingSeats)
                .given(seat("S1", lights(), m), seat("S2", overlapping, member("M2"))).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::overlappingSeats)
                .given(new Seat("S1", lights(), m, true), new Seat("S2", overlapping, m, true)).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::overlappingSeats)
                .given(new Seat("S1", lights(), m, true), seat("S2", overlapping, m)).penalizesBy(1);
    }

    @Test
    void busyElsewhere() {
        Candidate busy = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y", 0,
                List.<long[]>of(new long[] {SAT_9 + 90, SAT_9 + 150}), Map.of(), null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::busyElsewhere).given(seat("S1", lights(), busy)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::busyElsewhere).given(seat("S1", lights(), member("M2"))).penalizesBy(0);
    }

    @Test
    void weeklyHourCap() {
        int week = lights().week();
        Candidate loaded = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y", 0,
                List.of(), Map.of(week, 7 * 60), null, Set.of());
        // 7 h committed + 2 h planned against an 8 h cap: one hour over
        VERIFIER.verifyThat(MatchingConstraints::weeklyHourCap).given(seat("S1", lights(), loaded)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::weeklyHourCap).given(seat("S1", lights(), member("M2"))).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::weeklyHourCap).given(new Seat("S1", lights(), loaded, true)).penalizesBy(0);
    }

    @Test
    void emptySeat() {
        VERIFIER.verifyThat(MatchingConstraints::emptySeat)
                .given(seat("S1", lights(), null), seat("S2", lights(), member("M1"))).penalizesBy(1);
    }

    @Test
    void proximity() {
        Candidate sameBuilding = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "C1-W01-P1-M01", "C1-W01", 0, List.of(), Map.of(), null, Set.of());
        Candidate sameGrid = with(member("M2"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "C1-W01-P2-M01", "C1-W01", 0, List.of(), Map.of(), null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::proximity).given(WEIGHTS, seat("S1", lights(), sameBuilding)).rewardsWith(40);
        VERIFIER.verifyThat(MatchingConstraints::proximity).given(WEIGHTS, seat("S1", lights(), sameGrid)).rewardsWith(30);
        VERIFIER.verifyThat(MatchingConstraints::proximity).given(WEIGHTS, seat("S1", lights(), member("M3"))).rewardsWith(20);
        VERIFIER.verifyThat(MatchingConstraints::proximity)
                .given(new MatchingWeights(0, 5, 10, 1, 20, 10, 10), seat("S1", lights(), sameBuilding)).rewardsWith(0);
    }

    @Test
    void skillLevel() {
        VERIFIER.verifyThat(MatchingConstraints::skillLevel).given(WEIGHTS, seat("S1", lights(), member("M1"))).rewardsWith(20);
    }

    @Test
    void postCategory() {
        Candidate other = new Candidate("M2", "党员", Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"),
                Set.of("LEGAL_AID"), "x", "y", "C1", "S1", 0, List.of(), Map.of(), 480, null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::postCategory).given(WEIGHTS, seat("S1", lights(), member("M1"))).rewardsWith(10);
        VERIFIER.verifyThat(MatchingConstraints::postCategory).given(WEIGHTS, seat("S1", lights(), other)).rewardsWith(0);
    }

    @Test
    void fairness() {
        Candidate veteran = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y",
                10 * 60, List.of(), Map.of(), null, Set.of());
        // what 2 h planned add to 10 h served: 12² − 10² = 44; to a newcomer: 2² − 0 = 4; 2 + 2 h: 16
        VERIFIER.verifyThat(MatchingConstraints::fairness).given(WEIGHTS, seat("S1", lights(), veteran)).penalizesBy(44);
        VERIFIER.verifyThat(MatchingConstraints::fairness).given(WEIGHTS, seat("S1", lights(), member("M2"))).penalizesBy(4);
        VERIFIER.verifyThat(MatchingConstraints::fairness)
                .given(WEIGHTS, seat("S1", lights(), member("M2")), seat("S2", task("T2", SAT_9 + 600, 120, Set.of(), 1), member("M2")))
                .penalizesBy(16);
        // a member with no seat costs nothing, however much they served
        VERIFIER.verifyThat(MatchingConstraints::fairness).given(WEIGHTS, veteran, seat("S1", lights(), null)).penalizesBy(0);
    }

    /**
     * Two one-hour tasks, two members with 10 hours each: splitting them costs 21 + 21 = 42, one member
     * taking both 12² − 10² = 44 — so the solver shares the work out. (Squaring the hours of whoever holds a
     * seat, as before, cost 121 + 121 = 242 split and 144 together: it piled work on one member.)
     */
    @Test
    void fairnessPrefersTheSplit() {
        Candidate first = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y",
                10 * 60, List.of(), Map.of(), null, Set.of());
        Candidate second = with(member("M2"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y",
                10 * 60, List.of(), Map.of(), null, Set.of());
        TaskFact morning = task("T1", SAT_9, 60, Set.of(), 1);
        TaskFact noon = task("T2", SAT_9 + 120, 60, Set.of(), 1);
        VERIFIER.verifyThat(MatchingConstraints::fairness)
                .given(WEIGHTS, seat("S1", morning, first), seat("S2", noon, second)).penalizesBy(42);
        VERIFIER.verifyThat(MatchingConstraints::fairness)
                .given(WEIGHTS, seat("S1", morning, first), seat("S2", noon, first)).penalizesBy(44);
    }

    @Test
    void continuity() {
        Candidate before = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y", 0,
                List.of(), Map.of(), null, Set.of("R1"));
        VERIFIER.verifyThat(MatchingConstraints::continuity).given(WEIGHTS, seat("S1", lights(), before)).rewardsWith(20);
        VERIFIER.verifyThat(MatchingConstraints::continuity).given(WEIGHTS, seat("S1", lights(), member("M2"))).rewardsWith(0);
    }

    @Test
    void satisfaction() {
        Candidate liked = with(member("M1"), Map.of("plumbing_electrical", 4), Set.of("WEEKEND_MORNING"), "x", "y", 0,
                List.of(), Map.of(), 0.9, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::satisfaction).given(WEIGHTS, seat("S1", lights(), liked)).rewardsWith(9);
        VERIFIER.verifyThat(MatchingConstraints::satisfaction).given(WEIGHTS, seat("S1", lights(), member("M2"))).rewardsWith(0);
    }

    @Test
    void difficulty() {
        Candidate novice = with(member("M1"), Map.of("plumbing_electrical", 1), Set.of("WEEKEND_MORNING"), "x", "y", 0,
                List.of(), Map.of(), null, Set.of());
        VERIFIER.verifyThat(MatchingConstraints::difficulty)
                .given(WEIGHTS, seat("S1", task("T5", SAT_9, 60, Set.of("plumbing_electrical"), 4), novice)).penalizesBy(30);
        VERIFIER.verifyThat(MatchingConstraints::difficulty).given(WEIGHTS, seat("S1", lights(), member("M2"))).penalizesBy(0);
    }

    /** 更换楼道灯 needing 水电维修, for which 电路维修 stands in at 0.7. */
    static TaskFact lightsWithStandIn() {
        TaskFact t = lights();
        return new TaskFact(t.id(), t.title(), t.kind(), t.difficulty(), t.start(), t.end(), t.slots(), t.skillIds(), t.categoryId(),
                t.microGridId(), t.gridId(), t.communityId(), t.streetId(), t.residentIds(), Map.of("circuit_repair", 0.7),
                Map.of("circuit_repair", "电路维修"));
    }

    @Test
    void substituteSkill() {
        Candidate electrician = with(member("M1"), Map.of("circuit_repair", 4), Set.of("WEEKEND_MORNING"), "x", "y", 0, List.of(), Map.of(), null, Set.of());
        // a stand-in is no broken rule, but costs the skill-level weight per tenth it falls short: 5 × 3
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill).given(seat("S1", lightsWithStandIn(), electrician)).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::requiredSkill).given(seat("S1", lights(), electrician))
                .penalizesBy(1, "without the knowledge graph's stand-in it breaks the rule");
        VERIFIER.verifyThat(MatchingConstraints::substituteSkill).given(WEIGHTS, seat("S1", lightsWithStandIn(), electrician)).penalizesBy(15);
        VERIFIER.verifyThat(MatchingConstraints::substituteSkill).given(WEIGHTS, seat("S1", lightsWithStandIn(), member("M2")))
                .penalizesBy(0, "the exact skill needs no stand-in");
    }

    // team tasks

    /** 德民 branch B1 with a group G1 of it; B2 another branch. Three electricians, two living in the task's grid C1-W01. */
    static Team team(String id, String branchId, int members, Map<String, Integer> skills, Map<String, Integer> grids, int historyMinutes) {
        return new Team(id, "党组织" + id, branchId, "C1", members, skills, grids, historyMinutes);
    }

    static final Team BRANCH = team("B1", "B1", 10, Map.of("plumbing_electrical", 3), Map.of("C1-W01", 2), 0);
    static final Team GROUP = team("G1", "B1", 4, Map.of("plumbing_electrical", 1), Map.of(), 0);
    static final Team OTHER = team("B2", "B2", 6, Map.of(), Map.of("C1-W01", 6), 0);

    static TaskFact flood() {
        return new TaskFact("E1", "防汛抢险", "EMERGENCY", 4, SAT_9, SAT_9 + 120, Set.of("WEEKEND_MORNING"),
                Set.of("plumbing_electrical"), "SAFETY_PATROL", "C1-W01-P1-M01", "C1-W01", "C1", "S1", Set.of());
    }

    static TeamSeat teamSeat(String id, TaskFact task, int headcount, Team team) {
        return new TeamSeat(id, task, headcount, Set.of("B1"), team, false);
    }

    @Test
    void teamNotInvited() {
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(teamSeat("TS1", flood(), 3, OTHER)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(teamSeat("TS1", flood(), 3, BRANCH)).penalizesBy(0);
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(teamSeat("TS1", flood(), 3, GROUP))
                .penalizesBy(0, "a group of an invited branch may claim");
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(new TeamSeat("TS1", flood(), 3, Set.of("B1"), OTHER, true))
                .penalizesBy(0, "an existing team claim is a fact");
    }

    @Test
    void teamNotInvitedMayComeFromAnotherCommunityOfTheStreetAsSupport() {
        Team neighbour = new Team("B9", "党组织B9", "B9", "C2", 5, Map.of("plumbing_electrical", 2), Map.of(), 0);
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(CandidatePool.STREET, teamSeat("TS1", flood(), 3, neighbour))
                .penalizesBy(0, "下沉一线支援: the street-wide pool admits a team of another community");
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(CandidatePool.COMMUNITY, teamSeat("TS1", flood(), 3, neighbour))
                .penalizesBy(1, "the community pool does not");
        VERIFIER.verifyThat(MatchingConstraints::teamNotInvited).given(CandidatePool.STREET, teamSeat("TS1", flood(), 3, OTHER))
                .penalizesBy(1, "the task's own community's teams still need the invitation");
    }

    @Test
    void teamRequiredSkill() {
        VERIFIER.verifyThat(MatchingConstraints::teamRequiredSkill).given(teamSeat("TS1", flood(), 3, OTHER)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::teamRequiredSkill).given(teamSeat("TS1", flood(), 3, GROUP)).penalizesBy(0);
    }

    @Test
    void teamOverlapping() {
        TaskFact fire = new TaskFact("E2", "火情疏散", "EMERGENCY", 4, SAT_9 + 60, SAT_9 + 180, Set.of("WEEKEND_MORNING"), Set.of(),
                null, null, null, "C1", "S1", Set.of());
        VERIFIER.verifyThat(MatchingConstraints::teamOverlapping)
                .given(teamSeat("TS1", flood(), 3, BRANCH), teamSeat("TS2", fire, 3, BRANCH)).penalizesBy(1);
        VERIFIER.verifyThat(MatchingConstraints::teamOverlapping)
                .given(teamSeat("TS1", flood(), 3, BRANCH), teamSeat("TS2", fire, 3, GROUP)).penalizesBy(0);
    }

    @Test
    void emptyTeamSeat() {
        VERIFIER.verifyThat(MatchingConstraints::emptyTeamSeat)
                .given(teamSeat("TS1", flood(), 3, null), teamSeat("TS2", flood(), 2, BRANCH)).penalizesBy(3);
    }

    @Test
    void teamProximity() {
        // two members live in the task's grid, the headcount is 3: 2 × 10
        VERIFIER.verifyThat(MatchingConstraints::teamProximity).given(WEIGHTS, teamSeat("TS1", flood(), 3, BRANCH)).rewardsWith(20);
        // six live there, only 3 are needed
        VERIFIER.verifyThat(MatchingConstraints::teamProximity).given(WEIGHTS, teamSeat("TS1", flood(), 3, OTHER)).rewardsWith(30);
        VERIFIER.verifyThat(MatchingConstraints::teamProximity).given(WEIGHTS, teamSeat("TS1", flood(), 3, GROUP)).rewardsWith(0);
    }

    @Test
    void teamSkill() {
        VERIFIER.verifyThat(MatchingConstraints::teamSkill).given(WEIGHTS, teamSeat("TS1", flood(), 2, BRANCH)).rewardsWith(10);
        VERIFIER.verifyThat(MatchingConstraints::teamSkill).given(WEIGHTS, teamSeat("TS1", flood(), 3, GROUP)).rewardsWith(5);
    }

    @Test
    void teamFairness() {
        Team busy = team("B3", "B1", 5, Map.of(), Map.of(), 5 * 10 * 60); // 10 h per member so far
        // what 2 h add: 12² − 10² = 44 for the busy team, 2² = 4 for a fresh one
        VERIFIER.verifyThat(MatchingConstraints::teamFairness).given(WEIGHTS, teamSeat("TS1", flood(), 3, busy)).penalizesBy(44);
        VERIFIER.verifyThat(MatchingConstraints::teamFairness).given(WEIGHTS, teamSeat("TS1", flood(), 3, BRANCH)).penalizesBy(4);
    }
}
