package cn.nantong.tongtongzai.matching;

/** Small calculations the constraints share. */
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

    /** Hours squared, from minutes (integer hours² keep the score readable). */
    static long squaredHours(long minutes) {
        return minutes * minutes / 3600;
    }
}
