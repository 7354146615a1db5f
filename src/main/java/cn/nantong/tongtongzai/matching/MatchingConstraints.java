package cn.nantong.tongtongzai.matching;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sum;
import static org.optaplanner.core.api.score.stream.Joiners.equal;
import static org.optaplanner.core.api.score.stream.Joiners.filtering;
import static org.optaplanner.core.api.score.stream.Joiners.overlapping;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * The rules of matching 群众所需 to 党员所能, one method per constraint (each has a ConstraintVerifier test).
 * Existing claims are pinned seats: facts the plan works around, so a rule they already break (a member
 * claimed a task outside their skills) is not held against the plan.
 * Hard: rules no plan may break. Medium: an empty seat. Soft: preferences, each scaled by its weight in
 * {@link MatchingWeights}; a weight of 0 switches the preference off.
 */
public class MatchingConstraints implements ConstraintProvider {

    static final String OUTSIDE_COMMUNITY = "Outside the community";
    static final String REQUIRED_SKILL = "Required skill";
    static final String AVAILABILITY = "Availability";
    static final String OVERLAPPING_SEATS = "Overlapping seats";
    static final String BUSY_ELSEWHERE = "Busy elsewhere";
    static final String WEEKLY_HOUR_CAP = "Weekly hour cap";
    static final String EMPTY_SEAT = "Empty seat";
    static final String PROXIMITY = "Proximity";
    static final String SKILL_LEVEL = "Skill level";
    static final String POST_CATEGORY = "Chosen post category";
    static final String FAIRNESS = "Fairness";
    static final String CONTINUITY = "Continuity";
    static final String SATISFACTION = "Past satisfaction";
    static final String DIFFICULTY = "Difficulty above skill level";
    static final String SUBSTITUTE_SKILL = "Stand-in skill";
    static final String TEAM_NOT_INVITED = "Team not invited";
    static final String TEAM_REQUIRED_SKILL = "Team lacks the skill";
    static final String TEAM_OVERLAPPING = "Team in two places";
    static final String EMPTY_TEAM_SEAT = "No team";
    static final String TEAM_PROXIMITY = "Team proximity";
    static final String TEAM_SKILL = "Team skill holders";
    static final String TEAM_FAIRNESS = "Team fairness";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                outsideCommunity(factory), requiredSkill(factory), availability(factory), overlappingSeats(factory), busyElsewhere(factory),
                weeklyHourCap(factory), emptySeat(factory), proximity(factory), skillLevel(factory),
                postCategory(factory), fairness(factory), continuity(factory), satisfaction(factory),
                difficulty(factory), substituteSkill(factory), teamNotInvited(factory), teamRequiredSkill(factory), teamOverlapping(factory),
                emptyTeamSeat(factory), teamProximity(factory), teamSkill(factory), teamFairness(factory)};
    }

    /**
     * Members serve the community they registered with (双报到); only when the secretary widens the pool
     * to the street may a member registered in another community of the same street serve.
     */
    Constraint outsideCommunity(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .filter(seat -> !seat.isPinned() && !seat.getTask().communityId().equals(seat.getMember().communityId()))
                .ifNotExists(CandidatePool.class, filtering((seat, pool) -> pool.admits(seat.getMember(), seat.getTask())))
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(OUTSIDE_COMMUNITY);
    }

    /**
     * The member has none of the skills the task requires, nor one the knowledge graph says can stand in
     * for them (a task without listed skills requires none).
     */
    Constraint requiredSkill(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .filter(seat -> !seat.isPinned() && !seat.getTask().skillIds().isEmpty()
                        && !seat.getMember().hasAnySkill(seat.getTask().skillIds())
                        && seat.getTask().substituteStrength(seat.getMember()) == 0)
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(REQUIRED_SKILL);
    }

    /** The member's availability does not cover the task window (emergencies call on anyone). */
    Constraint availability(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .filter(seat -> !seat.isPinned() && !"EMERGENCY".equals(seat.getTask().kind())
                        && !seat.getMember().availability().containsAll(seat.getTask().slots()))
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(AVAILABILITY);
    }

    /** One member in two seats at the same time (two seats of one task included). */
    Constraint overlappingSeats(ConstraintFactory factory) {
        return factory.forEachUniquePair(Seat.class, equal(Seat::getMember),
                        overlapping(seat -> seat.getTask().start(), seat -> seat.getTask().end()))
                .filter((a, b) -> !a.isPinned() || !b.isPinned())
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(OVERLAPPING_SEATS);
    }

    /** The member already holds a claim (outside this problem) at the same time. */
    Constraint busyElsewhere(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .filter(seat -> !seat.isPinned() && seat.getMember().busyDuring(seat.getTask()))
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(BUSY_ELSEWHERE);
    }

    /** Hours in one ISO week beyond the member's cap (claims outside the problem counted), by the hour over. */
    Constraint weeklyHourCap(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .groupBy(Seat::getMember, seat -> seat.getTask().week(), sum(seat -> seat.getTask().minutes()),
                        sum(seat -> seat.isPinned() ? 0 : 1))
                .filter((member, week, minutes, planned) -> planned > 0
                        && member.committedIn(week) + minutes > member.weeklyCapMinutes())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD,
                        (member, week, minutes, planned) -> (member.committedIn(week) + minutes - member.weeklyCapMinutes() + 59) / 60)
                .asConstraint(WEEKLY_HOUR_CAP);
    }

    /** A seat nobody takes: worse than any preference, better than breaking a rule. */
    Constraint emptySeat(ConstraintFactory factory) {
        return factory.forEachIncludingNullVars(Seat.class)
                .filter(seat -> seat.getMember() == null)
                .penalize(HardMediumSoftLongScore.ONE_MEDIUM)
                .asConstraint(EMPTY_SEAT);
    }

    /** Nearer is better: same building 4, same grid 3, same community 2, same street 1. */
    Constraint proximity(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.proximityReward(seat.getMember(), seat.getTask(), weights) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.proximityReward(seat.getMember(), seat.getTask(), weights))
                .asConstraint(PROXIMITY);
    }

    /** The member's level (1–5) in the best of the required skills. */
    Constraint skillLevel(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.skillLevelReward(seat.getMember(), seat.getTask(), weights) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.skillLevelReward(seat.getMember(), seat.getTask(), weights))
                .asConstraint(SKILL_LEVEL);
    }

    /** The member chose the task's post category (岗位) as theirs. */
    Constraint postCategory(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.postCategoryReward(seat.getMember(), seat.getTask(), weights) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.postCategoryReward(seat.getMember(), seat.getTask(), weights))
                .asConstraint(POST_CATEGORY);
    }

    /**
     * Fairness: what the planned hours add to the square of each member's hours this year,
     * (served + planned)² − served², so that the same few are not always asked and members who have not
     * served yet are drawn in. The increase, not the square itself: a member's first task must cost no
     * less than another member's second, or the solver piles tasks on whoever already has one.
     */
    Constraint fairness(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .groupBy(Seat::getMember, sum(seat -> Matching.loadHours(seat.getTask().minutes())))
                .join(MatchingWeights.class)
                .filter((member, hours, weights) -> weights.fairness() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (member, hours, weights) -> weights.fairness()
                        * Matching.addedSquare(Matching.servedHours(member.historyMinutes()), hours))
                .asConstraint(FAIRNESS);
    }

    /** The member served one of the task's residents before. */
    Constraint continuity(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.continuityReward(seat.getMember(), seat.getTask(), weights) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.continuityReward(seat.getMember(), seat.getTask(), weights))
                .asConstraint(CONTINUITY);
    }

    /** Satisfaction of the member's past services, in tenths (a member without ratings gets nothing). */
    Constraint satisfaction(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.satisfactionReward(seat.getMember(), weights) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT, (seat, weights) -> Matching.satisfactionReward(seat.getMember(), weights))
                .asConstraint(SATISFACTION);
    }

    /** A task harder than the member's level in its skills, by the levels missing (harder tasks suit teams). */
    Constraint difficulty(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.difficultyPenalty(seat.getMember(), seat.getTask(), weights) > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.difficultyPenalty(seat.getMember(), seat.getTask(), weights))
                .asConstraint(DIFFICULTY);
    }

    /**
     * The member stands in with a near skill instead of a required one: the weaker the stand-in, the
     * larger the cost (the skill-level weight per tenth missing), so an exact skill is preferred.
     */
    Constraint substituteSkill(ConstraintFactory factory) {
        return factory.forEach(Seat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> Matching.substitutePenalty(seat.getMember(), seat.getTask(), weights) > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT,
                        (seat, weights) -> Matching.substitutePenalty(seat.getMember(), seat.getTask(), weights))
                .asConstraint(SUBSTITUTE_SKILL);
    }

    // Team tasks (组团认领): the claimant is a functional branch or group.

    /**
     * The team is neither among those the task was published to nor a group of such a branch — unless the pool
     * is the street's and the team comes from another community as support (下沉一线支援).
     */
    Constraint teamNotInvited(ConstraintFactory factory) {
        return factory.forEach(TeamSeat.class)
                .filter(seat -> !seat.isPinned() && !seat.getTeam().invitedTo(seat.getInvitedTeamIds()))
                .ifNotExists(CandidatePool.class, filtering((seat, pool) -> pool.admitsUninvited(seat.getTeam(), seat.getTask())))
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(TEAM_NOT_INVITED);
    }

    /** No member of the team holds any of the skills the task requires. */
    Constraint teamRequiredSkill(ConstraintFactory factory) {
        return factory.forEach(TeamSeat.class)
                .filter(seat -> !seat.isPinned() && !seat.getTask().skillIds().isEmpty()
                        && seat.getTeam().holdersOf(seat.getTask().skillIds()) == 0)
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(TEAM_REQUIRED_SKILL);
    }

    /** One team asked to two team tasks at the same time. */
    Constraint teamOverlapping(ConstraintFactory factory) {
        return factory.forEachUniquePair(TeamSeat.class, equal(TeamSeat::getTeam),
                        overlapping(seat -> seat.getTask().start(), seat -> seat.getTask().end()))
                .filter((a, b) -> !a.isPinned() || !b.isPinned())
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(TEAM_OVERLAPPING);
    }

    /** A team task nobody takes: as costly as an empty seat, per seat the task needs. */
    Constraint emptyTeamSeat(ConstraintFactory factory) {
        return factory.forEachIncludingNullVars(TeamSeat.class)
                .filter(seat -> seat.getTeam() == null)
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, seat -> Math.max(1, seat.getHeadcount()))
                .asConstraint(EMPTY_TEAM_SEAT);
    }

    /** Members of the team living in the task's grid, up to the headcount (the proximity weight each). */
    Constraint teamProximity(ConstraintFactory factory) {
        return factory.forEach(TeamSeat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> weights.proximity() > 0 && seat.getTeam().livingIn(seat.getTask().gridId()) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT, (seat, weights) -> (long) weights.proximity()
                        * Math.min(seat.getHeadcount(), seat.getTeam().livingIn(seat.getTask().gridId())))
                .asConstraint(TEAM_PROXIMITY);
    }

    /** Members of the team holding a required skill, up to the headcount (the skill-level weight each). */
    Constraint teamSkill(ConstraintFactory factory) {
        return factory.forEach(TeamSeat.class)
                .join(MatchingWeights.class)
                .filter((seat, weights) -> weights.skillLevel() > 0 && seat.getTeam().holdersOf(seat.getTask().skillIds()) > 0)
                .rewardLong(HardMediumSoftLongScore.ONE_SOFT, (seat, weights) -> (long) weights.skillLevel()
                        * Math.min(seat.getHeadcount(), seat.getTeam().holdersOf(seat.getTask().skillIds())))
                .asConstraint(TEAM_SKILL);
    }

    /** Teams share the load: what planned team tasks add to the square of the hours per member, as for members. */
    Constraint teamFairness(ConstraintFactory factory) {
        return factory.forEach(TeamSeat.class)
                .groupBy(TeamSeat::getTeam, sum(seat -> Matching.loadHours(seat.getTask().minutes())))
                .join(MatchingWeights.class)
                .filter((team, hours, weights) -> weights.fairness() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (team, hours, weights) -> weights.fairness()
                        * Matching.addedSquare(Matching.servedHours(team.minutesPerMember()), hours))
                .asConstraint(TEAM_FAIRNESS);
    }
}
