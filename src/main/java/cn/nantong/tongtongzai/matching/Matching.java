package cn.nantong.tongtongzai.matching;

/**
 * Small calculations the constraints share with the exact core ({@link ExactCore}): each per-seat term is
 * computed here once, so the min-cost flow and the constraint streams cannot drift apart.
 */
final class Matching {

    private Matching() {
    }

    /** Same building 4, same grid 3, same community 2, same street 1, else 0. */
    static int proximity(Candidate member, TaskFact task) {
        if (task.microGridId() != null && task.microGridId().equals(member.microGridId())) {
            return 4;
        }
        if (task.gridId() != null && task.gridId().equals(member.gridId())) {
            return 3;
        }
        if (task.communityId() != null && task.communityId().equals(member.communityId())) {
            return 2;
        }
        return task.streetId() != null && task.streetId().equals(member.streetId()) ? 1 : 0;
    }

    /**
     * Whole hours a task adds to its member's load for fairness (a 90-minute task counts 2, any task at
     * least 1): whole hours keep the fairness cost an exact integer, which the exact core needs.
     */
    static int loadHours(int minutes) {
        return Math.max(1, (minutes + 30) / 60);
    }

    /** Whole hours served so far (rounded). */
    static int servedHours(int minutes) {
        return (minutes + 30) / 60;
    }

    /**
     * What a load of {@code load} hours adds to the square of a member's hours, who has served
     * {@code served}: (served + load)² − served². The marginal cost, so a member's first task costs
     * the same whether or not someone else already serves — fair by construction.
     */
    static long addedSquare(long served, long load) {
        return (served + load) * (served + load) - served * served;
    }

    // The per-seat soft terms (each 0 where its constraint does not apply).

    static long proximityReward(Candidate member, TaskFact task, MatchingWeights weights) {
        return (long) weights.proximity() * proximity(member, task);
    }

    static long skillLevelReward(Candidate member, TaskFact task, MatchingWeights weights) {
        return (long) weights.skillLevel() * member.bestLevel(task.skillIds());
    }

    static long postCategoryReward(Candidate member, TaskFact task, MatchingWeights weights) {
        return task.categoryId() != null && member.postCategories().contains(task.categoryId()) ? weights.postCategory() : 0;
    }

    static long continuityReward(Candidate member, TaskFact task, MatchingWeights weights) {
        return task.residentIds().stream().anyMatch(member.servedResidentIds()::contains) ? weights.continuity() : 0;
    }

    static long satisfactionReward(Candidate member, MatchingWeights weights) {
        return member.satisfaction() == null ? 0 : weights.satisfaction() * Math.round(member.satisfaction() * 10);
    }

    static long difficultyPenalty(Candidate member, TaskFact task, MatchingWeights weights) {
        if (task.skillIds().isEmpty()) {
            return 0;
        }
        return (long) weights.difficulty() * Math.max(0, task.difficulty() - member.bestLevel(task.skillIds()));
    }

    static long substitutePenalty(Candidate member, TaskFact task, MatchingWeights weights) {
        double strength = task.substituteStrength(member);
        return strength > 0 ? (long) weights.skillLevel() * Math.max(1, Math.round((1 - strength) * 10)) : 0;
    }

    /** Every per-seat soft term of one member in one seat, fairness aside: rewards minus penalties. */
    static long seatSoft(Candidate member, TaskFact task, MatchingWeights weights) {
        return proximityReward(member, task, weights) + skillLevelReward(member, task, weights)
                + postCategoryReward(member, task, weights) + continuityReward(member, task, weights)
                + satisfactionReward(member, weights) - difficultyPenalty(member, task, weights)
                - substitutePenalty(member, task, weights);
    }
}
