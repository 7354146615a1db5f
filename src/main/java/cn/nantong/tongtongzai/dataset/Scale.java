package cn.nantong.tongtongzai.dataset;

import java.util.Arrays;
import java.util.Locale;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * How big a generated data set is. Totals are spread evenly over their parents, so e.g. 77,000
 * micro-grids over 10,470 party groups gives each 7 or 8.
 */
public record Scale(
        String name,
        int streets,
        int communities,
        int generalBranchesPerCommunity,
        int gridsPerCommunity,
        int partyGroupsPerGridBranch,
        int microGrids,
        int compoundsPerGrid,
        int functionalGroups,
        int units,
        int pairedUnits,
        int stationedUnits,
        int ownersCommittees,
        int propertyCompanies,
        int members,
        int residents,
        int tasksPerCommunity) {

    /** About one street: the first 10 communities of 城东街道, 1,000 members, 24 tasks of history per community. */
    public static final Scale DEMO = new Scale("demo", 1, 10, 2, 4, 3, 720, 2, 40, 20, 8, 6, 12, 10, 1_000, 500, 24);

    /** The city-wide organisation figures the scheme reports (DESIGN.md §1); 12 tasks of history per community. */
    public static final Scale CITY = new Scale("city", 39, 349, 3, 10, 3, 77_000, 2, 2_096, 225, 102, 78, 793, 689,
            26_000, 20_000, 12);

    /** A few communities only, without 四单 history (tests build their own): fast enough for tests. */
    public static final Scale TINY = new Scale("tiny", 1, 2, 1, 2, 2, 16, 1, 3, 4, 2, 1, 2, 2, 40, 10, 0);

    public static Scale named(String name) {
        return Arrays.stream(new Scale[] {DEMO, CITY, TINY})
                .filter(s -> s.name.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new UserInputException(ErrorCode.UNKNOWN_SCALE,
                        "Unknown scale '" + name + "': use demo, city or tiny."));
    }
}
