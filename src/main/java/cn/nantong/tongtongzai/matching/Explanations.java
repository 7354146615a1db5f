package cn.nantong.tongtongzai.matching;

/**
 * The words a secretary reads for each constraint a proposed assignment meets or breaks.
 */
final class Explanations {

    private Explanations() {
    }

    /**
     * BREAKS_RULE, IN_FAVOUR or AGAINST; a member or team that has not served yet ({@code unserved}) is
     * drawn in by fairness, so that cost reads in their favour.
     */
    static String kind(String constraint, long hard, long soft, boolean unserved) {
        if (hard != 0) {
            return "BREAKS_RULE";
        }
        boolean fairness = MatchingConstraints.FAIRNESS.equals(constraint) || MatchingConstraints.TEAM_FAIRNESS.equals(constraint);
        return soft >= 0 || (fairness && unserved) ? "IN_FAVOUR" : "AGAINST";
    }

    static String text(String constraint, Candidate member, TaskFact task) {
        return switch (constraint) {
            case MatchingConstraints.OUTSIDE_COMMUNITY -> "未在任务所在社区报到";
            case MatchingConstraints.REQUIRED_SKILL -> "不具备任务所需技能";
            case MatchingConstraints.AVAILABILITY -> "任务时段不在其可服务时间内";
            case MatchingConstraints.OVERLAPPING_SEATS -> "同一时间被安排了两个任务";
            case MatchingConstraints.BUSY_ELSEWHERE -> "同一时间已认领其他任务";
            case MatchingConstraints.WEEKLY_HOUR_CAP -> "超出每周服务时长上限（" + member.weeklyCapMinutes() / 60 + "小时）";
            case MatchingConstraints.EMPTY_SEAT -> "名额空缺";
            case MatchingConstraints.PROXIMITY -> switch (Matching.proximity(member, task)) {
                case 4 -> "住在服务地点同一楼栋";
                case 3 -> "住在服务地点同一网格";
                case 2 -> "住在本社区";
                default -> "住在本街道";
            };
            case MatchingConstraints.SKILL_LEVEL -> "具备所需技能，等级" + member.bestLevel(task.skillIds()) + "（1–5）";
            case MatchingConstraints.POST_CATEGORY -> "选择了该类服务岗位";
            case MatchingConstraints.FAIRNESS -> member.historyMinutes() == 0
                    ? "本年度尚未服务，优先邀请（服务率）"
                    : "本年度已服务" + Math.round(member.historyMinutes() / 6.0) / 10.0 + "小时（服务越少越优先）";
            case MatchingConstraints.CONTINUITY -> "曾为提出需求的居民服务过";
            case MatchingConstraints.SATISFACTION -> "本年度满意度" + Math.round(member.satisfaction() * 100) + "%";
            case MatchingConstraints.SUBSTITUTE_SKILL -> "无所需技能，以相近技能「" + task.substituteNames().getOrDefault(task.substituteOf(member), task.substituteOf(member)) + "」替代（匹配度"
                    + Math.round(task.substituteStrength(member) * 100) + "%）";
            case MatchingConstraints.DIFFICULTY -> "任务难度（" + task.difficulty() + "）高于其技能等级（"
                    + member.bestLevel(task.skillIds()) + "），更适合党组织组团承接";
            default -> constraint;
        };
    }

    static String teamText(String constraint, Team team, TeamSeat seat) {
        TaskFact task = seat.getTask();
        return switch (constraint) {
            case MatchingConstraints.TEAM_NOT_INVITED -> "任务未发布给该党组织";
            case MatchingConstraints.TEAM_REQUIRED_SKILL -> "党组织成员中无人具备任务所需技能";
            case MatchingConstraints.TEAM_OVERLAPPING -> "同一时间被安排了两个组团任务";
            case MatchingConstraints.EMPTY_TEAM_SEAT -> "无党组织承接";
            case MatchingConstraints.TEAM_PROXIMITY -> "有" + team.livingIn(task.gridId()) + "名成员住在服务地点所在网格";
            case MatchingConstraints.TEAM_SKILL -> "有" + team.holdersOf(task.skillIds()) + "名成员具备所需技能（需" + seat.getHeadcount() + "人）";
            case MatchingConstraints.TEAM_FAIRNESS -> team.historyMinutes() == 0
                    ? "成员本年度尚未服务，优先邀请（" + team.members() + "人）"
                    : "成员本年度人均已服务" + Math.round(team.minutesPerMember() / 6.0) / 10.0 + "小时（" + team.members() + "人；服务越少越优先）";
            default -> constraint;
        };
    }
}
