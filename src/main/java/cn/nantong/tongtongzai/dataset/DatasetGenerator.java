package cn.nantong.tongtongzai.dataset;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import cn.nantong.tongtongzai.dataset.NantongDivisions.Division;

/**
 * Builds a whole organisation graph, deterministically: the same scale and reference data always give
 * the same rows. Streets and communities carry real Nantong names; members, residents and units are
 * synthetic. Where the division file has fewer communities than the scale asks for, extra ones are
 * derived under real streets and marked {@code derived}.
 */
final class DatasetGenerator {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛顾钱严季施缪";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文志海燕春梅云飞鹏辉晨宇浩然欣怡子涵佳琪思雨梓轩诗雅俊杰晓东立新卫东";
    private static final String[] COMPOUND_SUFFIXES = {"新村", "花园", "小区", "家园", "苑", "公寓", "雅苑", "名邸"};
    private static final String[] COMPOUND_KINDS = {"OLD", "OLD", "RESETTLEMENT", "NEW_COMMERCIAL", "NEW_COMMERCIAL"};
    private static final String[] UNIT_KINDS = {"GOVERNMENT_ORGAN", "PUBLIC_INSTITUTION", "STATE_OWNED_ENTERPRISE", "NEW_ECONOMIC_SOCIAL"};
    private static final String[] ORGANS = {"民政局", "司法局", "卫生健康委员会", "教育局", "住房和城乡建设局", "市场监督管理局", "人力资源和社会保障局", "城市管理局", "财政局", "税务局"};
    private static final String[] INSTITUTIONS = {"人民医院", "中医院", "中学", "实验小学", "图书馆", "疾病预防控制中心", "社区卫生服务中心", "职业技术学院"};
    private static final String[] ENTERPRISES = {"城建集团有限公司", "供电公司", "自来水有限公司", "燃气有限公司", "公交集团有限公司", "农商银行", "港口集团有限公司"};
    private static final String[] NEW_ORGS = {"律师事务所", "会计师事务所", "科技有限公司", "物流有限公司", "建筑设计院", "家政服务有限公司", "口腔诊所"};
    private static final String[] BRAND = {"江海", "濠河", "通达", "紫琅", "崇川", "启秀", "钟秀", "文峰", "狼山", "通州湾", "星湖", "长江"};
    private static final String[] RESPONSIBILITIES = {"MANPOWER", "EXPERTISE", "FUNDS", "ASSISTANCE"};
    private static final String[] AVAILABILITY = {"WEEKDAY_MORNING", "WEEKDAY_AFTERNOON", "WEEKDAY_EVENING", "WEEKEND_MORNING", "WEEKEND_AFTERNOON", "WEEKEND_EVENING"};
    private static final String[] INTERESTS = {"书法", "摄影", "太极", "广场舞", "阅读", "园艺", "志愿服务", "象棋", "烹饪", "健走"};
    /** Occupations as members write them; some are not in the knowledge graph (建筑设计, 销售经理), as in life. */
    private static final String[] OCCUPATIONS = {"执业律师", "社区医生", "电工", "中学语文教师", "小学老师", "护士", "公务员",
            "会计", "程序员", "民警", "市人民医院心理医生", "水电工", "高中老师", "银行职员", "消防员", "厨师", "建筑设计",
            "销售经理", "区人社局科员", "中医推拿师", "幼儿园老师", "驾驶员", "家电维修师傅", "美术老师", "社区工作者"};
    private static final String[] CHANNELS = {"ONLINE", "ON_SITE", "UNIT_BATCH"};
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final NantongDivisions divisions;
    private final List<String> skillIds;
    private final List<HistoryGenerator.SkillRef> skills;
    private final Map<String, String> postCategories;
    private final LocalDate today;

    /** {@code today}: the day the 四单 history is dated back from (the day the data set is generated). */
    DatasetGenerator(NantongDivisions divisions, List<HistoryGenerator.SkillRef> skills, Map<String, String> postCategories,
            LocalDate today) {
        this.divisions = divisions;
        this.skills = List.copyOf(skills);
        this.skillIds = skills.stream().map(HistoryGenerator.SkillRef::id).toList();
        this.postCategories = new LinkedHashMap<>(postCategories);
        this.today = today;
    }

    private record CommunityRow(String id, String name, String streetId) {
    }

    private record MicroGridRef(String id, int community, String gridBranchId) {
    }

    List<RowSet> generate(Scale scale) {
        Random random = new Random(2026_1129L + scale.name().hashCode());
        Map<String, List<Map<String, Object>>> sets = new LinkedHashMap<>();
        for (String name : DatasetStatements.ORDER) {
            sets.put(name, new ArrayList<>());
        }

        List<Division> streets = streets(scale);
        streets.forEach(s -> sets.get("streets").add(row("id", s.code(), "name", s.name(), "district", s.district(),
                "derived", s.derived())));
        List<CommunityRow> communities = communities(scale, streets);
        communities.forEach(c -> sets.get("communities").add(row("id", c.id(), "name", c.name(),
                "streetId", c.streetId(), "derived", !c.id().matches("\\d{12}"))));

        int partyGroupsTotal = scale.communities() * scale.gridsPerCommunity() * scale.partyGroupsPerGridBranch();
        int partyGroupIndex = 0;
        List<MicroGridRef> microGrids = new ArrayList<>();
        Map<String, String> functionalGroupOfGridBranch = new HashMap<>();
        List<String> compoundIds = new ArrayList<>();
        Map<String, String> compoundNames = new HashMap<>();
        List<String> categoryNames = List.copyOf(postCategories.values());

        for (int ci = 0; ci < communities.size(); ci++) {
            CommunityRow c = communities.get(ci);
            String committee = c.id() + "-DW";
            sets.get("committees").add(row("id", committee, "name", c.name() + "大党委", "communityId", c.id()));
            for (int g = 1; g <= scale.generalBranchesPerCommunity(); g++) {
                sets.get("generalBranches").add(row("id", c.id() + "-Z" + g, "name",
                        c.name() + "第" + numeral(g) + "党总支", "committeeId", committee));
            }
            String functionalBranch = c.id() + "-GN";
            sets.get("functionalBranches").add(row("id", functionalBranch, "name", c.name() + "功能型党支部",
                    "communityId", c.id()));

            List<String> gridBranches = new ArrayList<>();
            for (int w = 1; w <= scale.gridsPerCommunity(); w++) {
                String grid = c.id() + "-W" + two(w);
                String gridName = c.name() + "第" + w + "网格";
                String gridBranch = grid + "-B";
                gridBranches.add(gridBranch);
                sets.get("grids").add(row("id", grid, "name", gridName, "communityId", c.id()));
                sets.get("gridBranches").add(row("id", gridBranch, "name", gridName + "党支部",
                        "generalBranchId", c.id() + "-Z" + (1 + (w - 1) % scale.generalBranchesPerCommunity()),
                        "gridId", grid));
                List<String> gridCompounds = new ArrayList<>();
                for (int x = 1; x <= scale.compoundsPerGrid(); x++) {
                    String id = grid + "-X" + x;
                    String name = pick(random, BRAND) + pick(random, COMPOUND_SUFFIXES);
                    gridCompounds.add(id);
                    compoundIds.add(id);
                    compoundNames.put(id, name);
                    sets.get("compounds").add(row("id", id, "name", name, "kind", pick(random, COMPOUND_KINDS),
                            "communityId", c.id()));
                }
                for (int p = 1; p <= scale.partyGroupsPerGridBranch(); p++) {
                    String partyGroup = grid + "-P" + p;
                    sets.get("partyGroups").add(row("id", partyGroup, "name", gridName + "第" + numeral(p) + "党小组",
                            "gridBranchId", gridBranch));
                    int buildings = share(scale.microGrids(), partyGroupsTotal, partyGroupIndex++);
                    for (int m = 1; m <= buildings; m++) {
                        String compound = gridCompounds.get((m - 1) % gridCompounds.size());
                        String id = partyGroup + "-M" + two(m);
                        int building = p * 10 + m;
                        sets.get("microGrids").add(row("id", id, "name", compoundNames.get(compound) + building + "幢",
                                "building", building, "partyGroupId", partyGroup, "compoundId", compound));
                        microGrids.add(new MicroGridRef(id, ci, gridBranch));
                    }
                }
            }
            int groups = share(scale.functionalGroups(), communities.size(), ci);
            for (int k = 1; k <= groups; k++) {
                String gridBranch = gridBranches.get((k - 1) % gridBranches.size());
                String id = functionalBranch + k;
                sets.get("functionalGroups").add(row("id", id,
                        "name", categoryNames.get((k - 1) % categoryNames.size()) + "功能型党小组" + (k > categoryNames.size() ? numeral(1 + (k - 1) / categoryNames.size()) : ""),
                        "functionalBranchId", functionalBranch, "gridBranchId", gridBranch));
                functionalGroupOfGridBranch.putIfAbsent(gridBranch, id);
            }
        }

        List<String> partyOrgOfUnit = units(scale, random, communities, sets);
        ownersAndProperty(scale, random, compoundIds, compoundNames, sets);
        members(scale, random, communities, microGrids, partyOrgOfUnit, functionalGroupOfGridBranch, sets);
        for (int i = 1; i <= scale.residents(); i++) {
            sets.get("residents").add(row("id", String.format("R%06d", i), "name", personName(random),
                    "phone", phone(random), "microGridId", microGrids.get(random.nextInt(microGrids.size())).id()));
        }

        history(scale, random, communities, microGrids, sets);

        List<RowSet> result = new ArrayList<>();
        sets.forEach((name, rows) -> result.add(new RowSet(name, rows)));
        return result;
    }

    /** What each community's history draws on: its buildings, confirmed members, residents and partners. */
    private void history(Scale scale, Random random, List<CommunityRow> communities, List<MicroGridRef> microGrids,
            Map<String, List<Map<String, Object>>> sets) {
        if (scale.tasksPerCommunity() == 0) {
            return;
        }
        Map<String, Integer> communityOfMicroGrid = new HashMap<>();
        microGrids.forEach(m -> communityOfMicroGrid.put(m.id(), m.community()));
        List<HistoryGenerator.CommunityFacts> facts = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < communities.size(); i++) {
            index.put(communities.get(i).id(), i);
            facts.add(new HistoryGenerator.CommunityFacts(communities.get(i).id(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
        }
        microGrids.forEach(m -> facts.get(m.community()).microGridIds().add(m.id()));
        sets.get("registrations").stream().filter(r -> "CONFIRMED".equals(r.get("state")))
                .forEach(r -> facts.get(index.get((String) r.get("communityId"))).confirmedMembers().add((String) r.get("memberId")));
        sets.get("residents").forEach(r -> facts.get(communityOfMicroGrid.get((String) r.get("microGridId")))
                .residents().add((String) r.get("id")));
        sets.get("pairings").forEach(p -> facts.get(index.get((String) p.get("communityId"))).ownerIds().add((String) p.get("unitId")));
        facts.forEach(f -> f.ownerIds().add(f.id()));
        new HistoryGenerator(random, today, skills, postCategories, sets).generate(facts, scale.tasksPerCommunity());
    }

    private List<Division> streets(Scale scale) {
        List<Division> candidates = divisions.streetCandidates();
        if (candidates.size() < scale.streets()) {
            throw new IllegalArgumentException("The division file has only " + candidates.size()
                    + " street-level divisions; scale " + scale.name() + " asks for " + scale.streets());
        }
        return candidates.subList(0, scale.streets());
    }

    /** Real communities taken round-robin over the streets; then derived ones, named after their street. */
    private List<CommunityRow> communities(Scale scale, List<Division> streets) {
        List<CommunityRow> chosen = new ArrayList<>();
        List<List<Map.Entry<String, String>>> perStreet = streets.stream()
                .map(s -> divisions.communitiesOf(s.code())).toList();
        for (int round = 0; chosen.size() < scale.communities(); round++) {
            boolean any = false;
            for (int s = 0; s < streets.size() && chosen.size() < scale.communities(); s++) {
                if (round < perStreet.get(s).size()) {
                    var community = perStreet.get(s).get(round);
                    chosen.add(new CommunityRow(community.getKey(), community.getValue(), streets.get(s).code()));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        for (int n = 1; chosen.size() < scale.communities(); n++) {
            Division street = streets.get((n - 1) % streets.size());
            chosen.add(new CommunityRow(street.code() + "-D" + n,
                    street.name() + "新建第" + numeral(1 + (n - 1) / streets.size()) + "社区", street.code()));
        }
        return chosen;
    }

    private List<String> units(Scale scale, Random random, List<CommunityRow> communities,
            Map<String, List<Map<String, Object>>> sets) {
        List<String> partyOrgs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i <= scale.units(); i++) {
            String id = String.format("U%04d", i);
            String kind = UNIT_KINDS[(i - 1) % UNIT_KINDS.length];
            String name = unitName(kind, i, random);
            while (!names.add(name)) {
                name = unitName(kind, i, random) + "（" + i + "）";
            }
            String partyOrg = id + "-PO";
            partyOrgs.add(partyOrg);
            sets.get("units").add(row("id", id, "name", name, "kind", kind, "partyOrgId", partyOrg,
                    "partyOrgName", name + (kind.equals("NEW_ECONOMIC_SOCIAL") ? "党支部" : "党委")));
        }
        for (int i = 0; i < scale.pairedUnits(); i++) {
            int pairs = 1 + random.nextInt(2);
            for (int k = 0; k < pairs; k++) {
                List<String> taken = new ArrayList<>();
                for (String r : RESPONSIBILITIES) {
                    if (random.nextInt(2) == 0) {
                        taken.add(r);
                    }
                }
                if (taken.isEmpty()) {
                    taken.add(RESPONSIBILITIES[random.nextInt(RESPONSIBILITIES.length)]);
                }
                sets.get("pairings").add(row("unitId", String.format("U%04d", i + 1),
                        "communityId", communities.get(random.nextInt(communities.size())).id(),
                        "responsibilities", taken, "since", LocalDate.of(2021 + random.nextInt(4), 1 + random.nextInt(12), 1).toString()));
            }
        }
        for (int i = 0; i < scale.stationedUnits(); i++) {
            int unit = scale.units() - i; // from the other end, so some units are both paired and stationed
            sets.get("stationings").add(row("unitId", String.format("U%04d", unit),
                    "communityId", communities.get(random.nextInt(communities.size())).id()));
        }
        return partyOrgs;
    }

    private void ownersAndProperty(Scale scale, Random random, List<String> compoundIds, Map<String, String> names,
            Map<String, List<Map<String, Object>>> sets) {
        for (int i = 1; i <= scale.ownersCommittees(); i++) {
            String compound = compoundIds.get((int) ((long) (i - 1) * compoundIds.size() / scale.ownersCommittees()));
            String id = String.format("OC%04d", i);
            String name = names.get(compound) + "业主委员会";
            boolean partyOrg = random.nextInt(10) < 4;
            sets.get("ownersCommittees").add(row("id", id, "name", name, "compoundId", compound,
                    "partyOrgId", partyOrg ? id + "-PO" : null, "partyOrgName", partyOrg ? name + "党支部" : null));
        }
        for (int i = 1; i <= scale.propertyCompanies(); i++) {
            List<String> managed = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                String compound = compoundIds.get(random.nextInt(compoundIds.size()));
                if (!managed.contains(compound)) {
                    managed.add(compound);
                }
            }
            String id = String.format("PC%04d", i);
            String name = "南通" + pick(random, BRAND) + "物业服务有限公司";
            boolean partyOrg = random.nextInt(10) < 4;
            sets.get("propertyCompanies").add(row("id", id, "name", name, "compoundIds", managed,
                    "partyOrgId", partyOrg ? id + "-PO" : null, "partyOrgName", partyOrg ? name + "党支部" : null));
        }
    }

    private void members(Scale scale, Random random, List<CommunityRow> communities, List<MicroGridRef> microGrids,
            List<String> partyOrgOfUnit, Map<String, String> functionalGroupOfGridBranch,
            Map<String, List<Map<String, Object>>> sets) {
        List<String> categories = List.copyOf(postCategories.keySet());
        Set<String> phones = new HashSet<>(); // unique per member (a constraint in the database)
        Set<Integer> communitiesWithSecretary = new HashSet<>();
        Set<String> gridBranchesWithDeputy = new HashSet<>();
        for (int i = 1; i <= scale.members(); i++) {
            String id = String.format("M%06d", i);
            int unit = random.nextInt(partyOrgOfUnit.size());
            MicroGridRef home = microGrids.get(random.nextInt(microGrids.size()));
            sets.get("members").add(row(
                    "id", id, "name", personName(random), "gender", random.nextInt(2) == 0 ? "MALE" : "FEMALE",
                    "birthYear", 1960 + random.nextInt(41), "phone", uniquePhone(random, phones),
                    "unitId", String.format("U%04d", unit + 1), "microGridId", home.id(),
                    "skills", skills(random), "postCategories", distinct(random, categories, 1 + random.nextInt(2)),
                    "interests", distinct(random, List.of(INTERESTS), random.nextInt(4)),
                    // three members in five write an occupation; derived from the index so the draws stay as they were
                    "occupation", i % 5 < 3 ? OCCUPATIONS[(i * 7) % OCCUPATIONS.length] : null,
                    "availability", distinct(random, List.of(AVAILABILITY), 1 + random.nextInt(3)),
                    "roles", roles(random)));

            int draw = random.nextInt(100);
            if (draw >= 97) {
                continue; // not yet registered with their community
            }
            boolean confirmed = draw < 92;
            String communityId = communities.get(home.community()).id();
            LocalDate registered = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(400)); // before any 四单 history
            sets.get("registrations").add(row("id", "REG-" + id + "-1", "memberId", id,
                    "communityId", communityId, "microGridId", home.id(),
                    "state", confirmed ? "CONFIRMED" : "PENDING", "channel", pick(random, CHANNELS),
                    "registeredAt", registered.atTime(9, 0).atOffset(ZoneOffset.ofHours(8)).toString(),
                    "decidedAt", confirmed ? registered.plusDays(1 + random.nextInt(5)).atTime(16, 0)
                            .atOffset(ZoneOffset.ofHours(8)).toString() : null,
                    "partyOrgId", partyOrgOfUnit.get(unit)));
            if (confirmed) {
                String group = functionalGroupOfGridBranch.get(home.gridBranchId());
                sets.get("placements").add(row("memberId", id, "functionalBranchId", communityId + "-GN",
                        "functionalGroupId", group));
                if (communitiesWithSecretary.add(home.community())) {
                    sets.get("secretaries").add(row("memberId", id, "functionalBranchId", communityId + "-GN"));
                } else if (group != null && gridBranchesWithDeputy.add(home.gridBranchId())) {
                    sets.get("deputySecretaries").add(row("memberId", id, "gridBranchId", home.gridBranchId()));
                }
            }
        }
    }

    private List<Map<String, Object>> skills(Random random) {
        List<Map<String, Object>> skills = new ArrayList<>();
        for (String skill : distinct(random, skillIds, 1 + random.nextInt(3))) {
            skills.add(row("id", skill, "level", 1 + random.nextInt(5)));
        }
        return skills;
    }

    private static List<String> roles(Random random) {
        List<String> roles = new ArrayList<>();
        if (random.nextInt(100) < 8) {
            roles.add("PART_TIME_GRID_WORKER");
        }
        if (random.nextInt(100) < 25) {
            roles.add("GRID_VOLUNTEER");
        }
        return roles;
    }

    private static String unitName(String kind, int i, Random random) {
        return switch (kind) {
            case "GOVERNMENT_ORGAN" -> (random.nextBoolean() ? "南通市" : "崇川区") + pick(random, ORGANS);
            case "PUBLIC_INSTITUTION" -> "南通市第" + (1 + random.nextInt(9)) + pick(random, INSTITUTIONS);
            case "STATE_OWNED_ENTERPRISE" -> "南通" + pick(random, BRAND) + pick(random, ENTERPRISES);
            default -> "江苏" + pick(random, BRAND) + pick(random, NEW_ORGS);
        };
    }

    private static String personName(Random random) {
        String name = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())))
                + GIVEN.charAt(random.nextInt(GIVEN.length()));
        return random.nextInt(3) == 0 ? name : name + GIVEN.charAt(random.nextInt(GIVEN.length()));
    }

    private static String uniquePhone(Random random, Set<String> used) {
        String phone = phone(random);
        while (!used.add(phone)) {
            phone = phone(random);
        }
        return phone;
    }

    /** A plausible mainland mobile number: 1[3-9] and nine digits. */
    private static String phone(Random random) {
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    private static List<String> distinct(Random random, List<String> from, int count) {
        List<String> pool = new ArrayList<>(from);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    /** The i-th of {@code parts} shares of {@code total}, as even as integers allow. */
    static int share(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String numeral(int n) {
        return n <= NUMERALS.length ? NUMERALS[n - 1] : String.valueOf(n);
    }

    private static String two(int n) {
        return String.format("%02d", n);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
