package cn.nantong.tongtongzai.matching;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.nantong.tongtongzai.matching.InstanceFile.Instance;
import cn.nantong.tongtongzai.matching.InstanceFile.MemberEntry;
import cn.nantong.tongtongzai.matching.InstanceFile.TaskEntry;
import cn.nantong.tongtongzai.matching.InstanceFile.Weights;

/**
 * {@code solve generate --scale=community|street|city [--seed=1] [--windows=slots|mixed] [--weights=default|proximity-fairness]
 * [--street-wide] --out=instance.json}: a seeded instance file for the matching benchmark, independent of any database.
 * <p>
 * Communities of about 75 members and 47 seats (street: 9 communities, city: 347), members with one or
 * two of twelve skills, three of six availability slots on average, homes in 4 grids × 3 buildings, up to
 * 40 hours served, weekly caps of 4–8 hours; tasks of 1–3 seats over two weeks, 70 % needing a skill.
 * {@code slots}: every task takes a whole 2-hour slot (9–11, 14–16, 19–21) — tasks overlap only when they
 * share a slot, which the exact core models exactly, so its bound is the optimum; {@code mixed}: tasks
 * of 1–3 hours starting on any of six hours, so windows overlap in part and the core is only a bound.
 * {@code --street-wide}: members may serve any community of their street (one flow per street).
 */
final class InstanceGenerator {

    static final String USAGE = "usage: solve generate --scale=community|street|city --out instance.json "
            + "[--seed=1] [--windows=slots|mixed] [--weights=default|proximity-fairness] [--street-wide]";
    private static final String[] SKILLS = {"plumbing_electrical", "legal_consulting", "medical_care", "tutoring",
            "elderly_care", "psychological_counseling", "computer_help", "cleaning", "patrol", "mediation",
            "policy_explaining", "cooking"};
    private static final String[] CATEGORIES = {"LEGAL_AID", "POLICY_PUBLICITY", "HELP_THE_NEEDY", "HEALTH_CARE",
            "CULTURE_EDUCATION", "ENVIRONMENT", "SAFETY_PATROL", "MEDIATION"};
    private static final String[] SLOTS = {"WEEKDAY_MORNING", "WEEKDAY_AFTERNOON", "WEEKDAY_EVENING", "WEEKEND_MORNING",
            "WEEKEND_AFTERNOON", "WEEKEND_EVENING"};
    /** Monday 2027-01-04: a fixed fortnight, so the same seed gives the same file any day. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2027, 1, 4);
    private static final ZoneOffset NANTONG = ZoneOffset.ofHours(8);

    enum Scale {
        COMMUNITY(1), STREET(9), CITY(347);

        final int communities;

        Scale(int communities) {
            this.communities = communities;
        }
    }

    enum Windows { SLOTS, MIXED }

    private final Random random;
    private final Windows windows;

    private InstanceGenerator(long seed, Windows windows) {
        this.random = new Random(seed);
        this.windows = windows;
    }

    static Instance generate(Scale scale, long seed, Windows windows, Weights weights, boolean streetWide) {
        InstanceGenerator generator = new InstanceGenerator(seed, windows);
        List<MemberEntry> members = new ArrayList<>();
        List<TaskEntry> tasks = new ArrayList<>();
        for (int c = 1; c <= scale.communities; c++) {
            String street = "S" + ((c - 1) / 9 + 1);
            String community = street + "-C" + c;
            generator.community(community, street, 70 + generator.random.nextInt(11), members, tasks);
        }
        return new Instance(weights, streetWide, members, List.of(), tasks);
    }

    /** Proximity 10 and fairness 1, every other preference off: the objective the issue's referee used. */
    static final Weights PROXIMITY_AND_FAIRNESS = new Weights(10, 0, 0, 1, 0, 0, 0);

    private void community(String community, String street, int size, List<MemberEntry> members, List<TaskEntry> tasks) {
        for (int i = 1; i <= size; i++) {
            Map<String, Integer> skills = new LinkedHashMap<>();
            skills.put(pick(SKILLS), 1 + random.nextInt(5));
            if (random.nextInt(3) == 0) {
                skills.put(pick(SKILLS), 1 + random.nextInt(5));
            }
            List<String> availability = new ArrayList<>();
            for (String slot : SLOTS) {
                if (random.nextInt(2) == 0) {
                    availability.add(slot);
                }
            }
            String grid = community + "-W" + (1 + random.nextInt(4));
            double history = random.nextInt(4) == 0 ? 0 : random.nextInt(41);
            members.add(new MemberEntry(community + "-M" + i, "党员" + i, skills, availability, List.of(pick(CATEGORIES)),
                    grid + "-B" + (1 + random.nextInt(3)), grid, community, street, history, (double) (4 + 2 * random.nextInt(3)),
                    List.of(), random.nextInt(3) == 0 ? null : 0.7 + random.nextInt(31) / 100.0,
                    List.of(community + "-R" + (1 + random.nextInt(40)))));
        }
        int seats = (int) Math.round(size * 0.62); // 16,000 seats for 26,000 members
        for (int t = 1, planned = 0; planned < seats; t++) {
            int headcount = Math.min(seats - planned, 1 + random.nextInt(3));
            OffsetDateTime start = FIRST_DAY.plusDays(random.nextInt(14)).atStartOfDay().atOffset(NANTONG);
            OffsetDateTime end;
            if (windows == Windows.SLOTS) {
                start = start.withHour(new int[] {9, 14, 19}[random.nextInt(3)]);
                end = start.plusHours(2);
            } else {
                start = start.withHour(new int[] {8, 9, 10, 14, 15, 19}[random.nextInt(6)]);
                end = start.plusHours(1 + random.nextInt(3));
            }
            String grid = community + "-W" + (1 + random.nextInt(4));
            tasks.add(new TaskEntry(community + "-T" + t, "服务" + t, "MICRO_SERVICE", 1 + random.nextInt(4), start.toString(),
                    end.toString(), random.nextInt(10) < 7 ? List.of(pick(SKILLS)) : List.of(), pick(CATEGORIES),
                    grid + "-B" + (1 + random.nextInt(3)), grid, community, street,
                    List.of(community + "-R" + (1 + random.nextInt(40))), headcount, List.of(), null, null, null, null));
            planned += headcount;
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
