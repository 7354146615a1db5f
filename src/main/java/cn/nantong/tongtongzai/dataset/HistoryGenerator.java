package cn.nantong.tongtongzai.dataset;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic 四单 history for generated data: per community, standing posts and their holders, tasks of
 * every kind in every state over the last four months and the next two weeks, residents' requests
 * served by them (and some still waiting, merged or rejected), claims, check-in/check-out records,
 * ratings with a few weak members who land on the interview list, a negative-list entry and a joint
 * meeting. Dates are relative to {@code today} (the day the data set is generated), so the dashboards
 * of the demo always show the current week and year.
 */
final class HistoryGenerator {

    /** A skill with the post category it serves. */
    record SkillRef(String id, String name, String categoryId) {
    }

    /** What the history needs to know about one community. */
    record CommunityFacts(String id, List<String> microGridIds, List<String> confirmedMembers,
            List<String> residents, List<String> ownerIds) {
    }

    private static final ZoneOffset NANTONG = ZoneOffset.ofHours(8);
    private static final String[] ACTIVITIES = {"社区邻里节", "重阳敬老志愿活动", "垃圾分类宣传周", "文明城市创建志愿活动", "义诊义剪便民集市", "消夏纳凉晚会"};
    private static final String[] EMERGENCIES = {"防汛抢险", "台风过境巡查", "寒潮期间独居老人探访", "燃气泄漏排查疏散", "突发停水送水上门", "道路结冰清扫"};
    private static final String[][] REQUESTS = {
            {"楼道灯坏了好几天，晚上上下楼看不见", "plumbing_electrical"},
            {"家里水龙头一直漏水，老人不会修", "plumbing_electrical"},
            {"老人腿脚不便，想请人帮忙去医院取药", "errand_medicine"},
            {"独居老人想有人定期上门聊聊天", "elderly_visiting"},
            {"想学用智能手机挂号和视频通话", "phone_teaching"},
            {"邻居装修噪音扰民，想请人调解", "neighbour_mediation"},
            {"和物业在停车费上有纠纷，想咨询", "property_dispute_mediation"},
            {"被拖欠工资，想咨询怎么维权", "labour_dispute"},
            {"租房合同条款看不懂，想请人把关", "contract_review"},
            {"孩子放学后没人辅导作业", "tutoring"},
            {"小区绿化带杂草太多需要修剪", "greening"},
            {"电视机没有图像了，想请人看看", "appliance_repair"},
            {"家里老人血压高，想请医生指导", "chronic_disease_care"},
            {"母亲住院复查需要有人陪同", "accompany_hospital"},
            {"最近接到很多诈骗电话，想了解怎么防范", "anti_fraud_publicity"},
            {"想了解医保报销的新政策", "social_security_advice"}};
    private static final String[] LOW_COMMENTS = {"迟到较久", "服务不够耐心", "问题没有彻底解决"};
    private static final String[] GOOD_COMMENTS = {"服务及时，非常满意", "态度很好，谢谢党员同志", "专业又耐心", null, null};

    private final Random random;
    private final LocalDate today;
    /** Nothing in the history happened after this: the start of the generation day. */
    private final OffsetDateTime cutoff;
    private final List<SkillRef> skills;
    private final Map<String, String> categoryNames;
    private final Map<String, List<Map<String, Object>>> sets;
    private int sequence;

    HistoryGenerator(Random random, LocalDate today, List<SkillRef> skills, Map<String, String> categoryNames,
            Map<String, List<Map<String, Object>>> sets) {
        this.random = random;
        this.today = today;
        this.cutoff = today.atStartOfDay().atOffset(NANTONG);
        this.skills = skills;
        this.categoryNames = categoryNames;
        this.sets = sets;
    }

    void generate(List<CommunityFacts> communities, int tasksPerCommunity) {
        if (tasksPerCommunity == 0 || skills.isEmpty()) {
            return;
        }
        for (int ci = 0; ci < communities.size(); ci++) {
            CommunityFacts community = communities.get(ci);
            if (community.confirmedMembers().isEmpty() || community.residents().isEmpty()) {
                continue;
            }
            posts(community);
            // one or two members per community serve poorly: their ratings put them on the interview list
            List<String> weak = community.confirmedMembers().subList(0, Math.min(ci % 2 == 0 ? 1 : 2, community.confirmedMembers().size()));
            List<String> requestIds = new ArrayList<>();
            for (int k = 0; k < tasksPerCommunity; k++) {
                task(community, k, weak, requestIds);
            }
            inProgress(community);
            openRequests(community, requestIds);
            meeting(community);
            if (ci == 0) {
                add("negativeEntries", "id", next("DN"), "memberId", weak.getFirst(), "communityId", community.id(),
                        "reason", "认领任务后两次无故缺席", "recordedAt", at(today.minusDays(20), 10, 0));
            }
        }
    }

    private void posts(CommunityFacts community) {
        List<String> categories = new ArrayList<>(categoryNames.keySet());
        for (int p = 0; p < 4 && !categories.isEmpty(); p++) {
            String category = categories.remove(random.nextInt(categories.size()));
            String id = next("DP");
            add("servicePosts", "id", id, "communityId", community.id(), "name", categoryNames.get(category) + "岗",
                    "categoryId", category, "code", code(), "description", "每周固定时段在社区党群服务中心值守");
            for (int h = 0; h < 3; h++) {
                String member = pick(community.confirmedMembers());
                if (sets.get("postHolders").stream().noneMatch(r -> r.get("postId").equals(id) && r.get("memberId").equals(member))) {
                    add("postHolders", "postId", id, "memberId", member, "since", today.minusDays(90 + random.nextInt(200)).toString());
                }
            }
        }
    }

    private void task(CommunityFacts community, int k, List<String> weak, List<String> requestIds) {
        int draw = random.nextInt(100);
        String kind = draw < 50 ? "MICRO_SERVICE" : draw < 70 ? "PROJECT" : draw < 80 ? "LARGE_ACTIVITY" : "EMERGENCY";
        SkillRef skill = skills.get(random.nextInt(skills.size()));
        int dayOffset = -120 + random.nextInt(135); // four months back, two weeks ahead
        LocalDate day = today.plusDays(dayOffset);
        int startHour = new int[] {9, 14, 19}[random.nextInt(3)];
        int hours = switch (kind) {
            case "MICRO_SERVICE" -> 2;
            case "PROJECT" -> 3;
            case "LARGE_ACTIVITY" -> 4;
            default -> 6;
        };
        int headcount = switch (kind) {
            case "MICRO_SERVICE" -> 1 + random.nextInt(2);
            case "PROJECT" -> 3 + random.nextInt(3);
            case "LARGE_ACTIVITY" -> 8 + random.nextInt(5);
            default -> 4 + random.nextInt(5);
        };
        String title = switch (kind) {
            case "MICRO_SERVICE" -> skill.name() + "上门服务";
            case "PROJECT" -> skill.name() + "志愿服务项目";
            case "LARGE_ACTIVITY" -> ACTIVITIES[random.nextInt(ACTIVITIES.length)];
            default -> EMERGENCIES[random.nextInt(EMERGENCIES.length)];
        };
        OffsetDateTime starts = day.atTime(startHour, 0).atOffset(NANTONG);
        OffsetDateTime ends = starts.plusHours(hours);
        boolean past = ends.isBefore(today.atStartOfDay().atOffset(NANTONG));
        boolean cancelled = random.nextInt(100) < 4;
        boolean draft = !past && !cancelled && random.nextInt(100) < 15;
        String state = cancelled ? "CANCELLED" : draft ? "DRAFT" : !past ? "PUBLISHED"
                : dayOffset < -14 ? "EVALUATED" : "COMPLETED";
        boolean teams = kind.equals("EMERGENCY");
        String taskId = next("DT");
        String teamId = community.id() + "-GN";
        add("tasks", "id", taskId, "communityId", community.id(), "title", title, "kind", kind,
                "description", teams ? "请功能型党支部组织党员就近响应" : null,
                "difficulty", teams ? 4 : kind.equals("MICRO_SERVICE") ? 1 + random.nextInt(2) : 2 + random.nextInt(3),
                "headcount", headcount, "startsAt", starts.toString(), "endsAt", ends.toString(),
                "audience", teams ? "TEAMS" : "MEMBERS", "state", state, "code", draft ? null : code(),
                "createdAt", past(starts.minusDays(5)).toString(), "publishedAt", draft ? null : past(starts.minusDays(4)).toString(),
                "placeId", kind.equals("MICRO_SERVICE") ? pick(community.microGridIds()) : null,
                "skillId", skill.id(), "categoryId", skill.categoryId(), "teamId", teams ? teamId : null,
                "cancelReason", cancelled ? "天气原因，活动延期" : null);

        String requestId = null;
        if (kind.equals("MICRO_SERVICE") && random.nextInt(100) < 70) {
            String[] text = REQUESTS[random.nextInt(REQUESTS.length)];
            requestId = next("DR");
            requestIds.add(requestId);
            boolean resolved = state.equals("COMPLETED") || state.equals("EVALUATED");
            add("requests", "id", requestId, "residentId", pick(community.residents()), "communityId", community.id(),
                    "placeId", pick(community.microGridIds()), "text", text[0], "categoryId", categoryOf(text[1]),
                    "urgency", random.nextInt(4) == 0 ? "HIGH" : "NORMAL",
                    "state", cancelled ? "SUBMITTED" : resolved ? "RESOLVED" : "ACCEPTED",
                    "submittedAt", past(starts.minusDays(6)).toString(), "decidedAt", cancelled ? null : past(starts.minusDays(5)).toString(),
                    "resolvedAt", resolved ? ends.toString() : null, "taskId", cancelled ? null : taskId,
                    "rejectReason", null, "duplicateOfId", null);
        }
        if (draft) {
            return;
        }

        String teamClaimId = null;
        if (teams) {
            teamClaimId = next("DTC");
            add("teamClaims", "id", teamClaimId, "taskId", taskId, "teamId", teamId, "claimedAt", past(starts.minusDays(3)).toString());
        }
        int seats = Math.min(headcount, community.confirmedMembers().size());
        int taken = past ? seats : Math.max(0, seats - random.nextInt(seats + 1));
        List<String> claimants = new ArrayList<>();
        if (k % 3 == 0 && past) {
            claimants.addAll(weak); // the weak members do serve, and are rated for it
        }
        while (claimants.size() < taken) {
            String member = pick(community.confirmedMembers());
            if (!claimants.contains(member)) {
                claimants.add(member);
            }
        }
        // the headcount is a hard limit, here as in the service
        for (String member : claimants.subList(0, Math.min(claimants.size(), seats))) {
            String claimId = next("DC");
            int sourceDraw = random.nextInt(100);
            String source = teams ? "TEAM" : sourceDraw < 70 ? "SELF" : sourceDraw < 90 ? "ASSIGNED" : "MATCHING";
            boolean active = !cancelled;
            add("claims", "id", claimId, "taskId", taskId, "memberId", member, "source", source,
                    "state", active ? "ACTIVE" : "TASK_CANCELLED", "claimedAt", past(starts.minusDays(2)).toString(),
                    "teamClaimId", teamClaimId, "activeKey", active ? taskId + "/" + member : null);
            if (!past || cancelled) {
                continue;
            }
            boolean forgot = random.nextInt(100) < 5;
            OffsetDateTime in = starts.plusMinutes(random.nextInt(15));
            OffsetDateTime out = forgot ? ends : ends.minusMinutes(random.nextInt(20));
            add("serviceRecords", "id", next("DSR"), "memberId", member, "claimId", claimId, "checkInAt", in.toString(),
                    "checkOutAt", out.toString(), "minutes", (int) java.time.Duration.between(in, out).toMinutes(),
                    "autoClosed", forgot, "openKey", null);
            boolean poor = weak.contains(member);
            OffsetDateTime rated = past(ends.plusDays(1));
            rate(claimId, "COMMUNITY", community.id(), poor, rated);
            if (random.nextBoolean()) {
                rate(claimId, "FUNCTIONAL_BRANCH", teamId, poor, rated);
            }
            if (requestId != null) {
                String resident = (String) sets.get("requests").getLast().get("residentId");
                rate(claimId, "RESIDENT", resident, poor, rated);
            }
        }
    }

    /** A two-day project under way now: one member served yesterday, another is checked in at the moment. */
    private void inProgress(CommunityFacts community) {
        SkillRef skill = skills.stream().filter(s -> "cleaning".equals(s.id())).findFirst().orElse(skills.getFirst());
        OffsetDateTime starts = today.minusDays(1).atTime(8, 0).atOffset(NANTONG);
        OffsetDateTime ends = today.plusDays(1).atTime(20, 0).atOffset(NANTONG);
        String taskId = next("DT");
        add("tasks", "id", taskId, "communityId", community.id(), "title", "老旧小区环境整治", "kind", "PROJECT",
                "description", "清理楼道堆物、整治绿化带，分两天进行", "difficulty", 3, "headcount", 4,
                "startsAt", starts.toString(), "endsAt", ends.toString(), "audience", "MEMBERS", "state", "IN_PROGRESS",
                "code", code(), "createdAt", starts.minusDays(7).toString(), "publishedAt", starts.minusDays(6).toString(),
                "placeId", null, "skillId", skill.id(), "categoryId", skill.categoryId(), "teamId", null, "cancelReason", null);
        List<String> members = community.confirmedMembers();
        for (int i = 0; i < Math.min(2, members.size()); i++) {
            String claimId = next("DC");
            String member = members.get(members.size() - 1 - i);
            add("claims", "id", claimId, "taskId", taskId, "memberId", member, "source", "SELF", "state", "ACTIVE",
                    "claimedAt", starts.minusDays(3).toString(), "teamClaimId", null, "activeKey", taskId + "/" + member);
            OffsetDateTime in = i == 0 ? starts.plusMinutes(5) : starts.plusHours(6); // never in the future
            add("serviceRecords", "id", next("DSR"), "memberId", member, "claimId", claimId, "checkInAt", in.toString(),
                    "checkOutAt", i == 0 ? starts.plusHours(4).toString() : null, "minutes", i == 0 ? 235 : null,
                    "autoClosed", false, "openKey", i == 0 ? null : claimId);
        }
    }

    private void rate(String claimId, String role, String raterId, boolean poor, OffsetDateTime at) {
        int score = poor ? (random.nextInt(100) < 75 ? 2 + random.nextInt(2) : 4) : (random.nextInt(100) < 95 ? 4 + random.nextInt(2) : 3);
        add("evaluations", "id", next("DE"), "claimId", claimId, "raterRole", role, "raterId", raterId, "score", score,
                "comment", score <= 3 ? LOW_COMMENTS[random.nextInt(LOW_COMMENTS.length)] : GOOD_COMMENTS[random.nextInt(GOOD_COMMENTS.length)],
                "ratedAt", at.toString());
    }

    /** Requests waiting for review today, one merged into another, one rejected. */
    private void openRequests(CommunityFacts community, List<String> accepted) {
        String first = null;
        for (int i = 0; i < 3; i++) {
            String[] text = REQUESTS[random.nextInt(REQUESTS.length)];
            String id = next("DR");
            boolean merged = i == 1 && first != null;
            boolean rejected = i == 2;
            add("requests", "id", id, "residentId", pick(community.residents()), "communityId", community.id(),
                    "placeId", pick(community.microGridIds()), "text", rejected ? "想请社区帮忙代办外地房产过户" : text[0],
                    "categoryId", rejected ? null : categoryOf(text[1]), "urgency", i == 0 ? "URGENT" : "NORMAL",
                    "state", merged ? "MERGED" : rejected ? "REJECTED" : "SUBMITTED",
                    "submittedAt", at(today.minusDays(i + 1), 8 + i, 30), "decidedAt", merged || rejected ? at(today.minusDays(i + 1), 15, 0) : null,
                    "resolvedAt", null, "taskId", null,
                    "rejectReason", rejected ? "超出社区服务范围，已告知可向不动产登记中心咨询" : null,
                    "duplicateOfId", merged ? first : null);
            if (i == 0) {
                first = id;
            }
        }
    }

    private void meeting(CommunityFacts community) {
        LocalDate held = today.minusDays(40);
        String quarter = held.getYear() + "-Q" + ((held.getMonthValue() - 1) / 3 + 1);
        List<Map<String, Object>> problems = new ArrayList<>();
        String[] descriptions = {"老旧小区加装电梯意见不统一", "小区停车难、占用消防通道", "独居老人助餐点人手不足"};
        for (int p = 0; p < descriptions.length; p++) {
            boolean resolved = p < 2 || random.nextBoolean();
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("id", next("DMP"));
            problem.put("description", descriptions[p]);
            problem.put("ownerId", community.ownerIds().isEmpty() ? community.id() : pick(community.ownerIds()));
            problem.put("position", p);
            problem.put("state", resolved ? "RESOLVED" : "OPEN");
            problem.put("resolution", resolved ? "牵头单位协调解决，居民代表确认" : null);
            problems.add(problem);
        }
        add("jointMeetings", "id", next("DJM"), "communityId", community.id(), "title", quarter + "联席会议",
                "heldOn", held.toString(), "quarter", quarter, "problems", problems);
    }

    /** The time, or the start of the generation day if it would lie after it. */
    private OffsetDateTime past(OffsetDateTime time) {
        return time.isAfter(cutoff) ? cutoff : time;
    }

    private String categoryOf(String skillId) {
        return skills.stream().filter(s -> s.id().equals(skillId)).map(SkillRef::categoryId).findFirst().orElse(null);
    }

    private String code() {
        return "%06d".formatted(random.nextInt(1_000_000));
    }

    private String next(String prefix) {
        return prefix + String.format("%07d", ++sequence);
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atOffset(NANTONG).toString();
    }

    private void add(String set, Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        sets.get(set).add(row);
    }
}
