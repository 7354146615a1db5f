package cn.nantong.tongtongzai.analytics;

import java.util.List;

import cn.nantong.tongtongzai.platform.time.Period;

/**
 * The figures of one scope over one period. Members' figures count the scope's members (those living in a
 * place, working in a unit, or in a functional branch or group); {@code area} counts what happened in the
 * place (requests, tasks, posts, joint meetings) and is null for functional branches, groups and units.
 * Registration and posts are as they stand at the end of the period (registrations confirmed by then and
 * still in force; posts held now).
 */
public record Figures(ScopeLevel scope, String id, String name, Period period, int roster, int registered,
        int serving, double serviceHours, List<HoursBucket> hoursDistribution, int ratings, int satisfied, int postsHeld,
        Area area, List<Figures> children) {

    /** The same figures with their children (one level down) computed already. */
    Figures withChildren(List<Figures> computed) {
        return new Figures(scope, id, name, period, roster, registered, serving, serviceHours, hoursDistribution, ratings,
                satisfied, postsHeld, area, computed);
    }

    /** 报到率: registered / on the roster. */
    public Double reportingRate() {
        return rate(registered, roster);
    }

    /** 服务率: registered members with at least one completed service in the period / registered. */
    public Double serviceRate() {
        return rate(serving, registered);
    }

    public Double hoursPerMember() {
        return registered == 0 ? null : Math.round(serviceHours / registered * 100) / 100.0;
    }

    /** 满意度: satisfied ratings / ratings of the members' claims, rated in the period. */
    public Double satisfactionRate() {
        return rate(satisfied, ratings);
    }

    /** How many registered members served how long in the period, e.g. "0", "0–2", "2–8", "8–20", "20+" hours. */
    public record HoursBucket(String label, int members) {
    }

    /** What happened in the place in the period. Posts and meetings are null for a grid (they are its community's). */
    public record Area(int requestsReceived, int requestsResolved, Double medianHoursToResolve, List<KindCount> tasksByKind,
            int emergencyTasks, int membersMobilised, Integer servicePosts, Integer postsClaimed, Integer meetingProblems,
            Integer meetingProblemsResolved) {

        /** 联席会议 resolution rate: problems resolved / raised at meetings held in the period. */
        public Double jointMeetingResolutionRate() {
            return meetingProblems == null ? null : rate(meetingProblemsResolved, meetingProblems);
        }
    }

    public record KindCount(String kind, int count) {
    }

    static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
