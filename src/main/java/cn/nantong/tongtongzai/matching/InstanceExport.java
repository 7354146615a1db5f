package cn.nantong.tongtongzai.matching;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.matching.CandidateLoader.Scope;
import cn.nantong.tongtongzai.matching.InstanceFile.Instance;
import cn.nantong.tongtongzai.matching.InstanceFile.MemberEntry;
import cn.nantong.tongtongzai.matching.InstanceFile.TaskEntry;
import cn.nantong.tongtongzai.matching.InstanceFile.TeamEntry;
import cn.nantong.tongtongzai.matching.InstanceFile.Window;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code solve export --community=ID | --street=ID --out instance.json}: writes the same problem a
 * matching job would plan (published individual tasks not yet started, members registered there) as an
 * instance file for {@code solve}.
 */
@Component
@ConditionalOnBooleanProperty("tongtong.solve-export-command")
class InstanceExport implements ApplicationRunner {

    private final CandidateLoader loader;

    InstanceExport(CandidateLoader loader) {
        this.loader = loader;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String community = first(args, "community");
        String street = first(args, "street");
        String out = first(args, "out");
        if ((community == null) == (street == null) || out == null) {
            throw new IllegalArgumentException("usage: solve export --community=ID | --street=ID --out=instance.json");
        }
        Scope scope = loader.scope(community, street)
                .orElseThrow(() -> new IllegalArgumentException("no such " + (community != null ? "community" : "street")));
        Instance instance = instance(scope);
        Files.writeString(Path.of(out), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(instance));
        System.out.printf("Wrote %d members and %d tasks to %s%n", instance.members().size(), instance.tasks().size(),
                Path.of(out).toAbsolutePath());
    }

    Instance instance(Scope scope) {
        List<String> taskIds = scope.tasks().stream().filter(t -> !t.forTeams()).map(t -> t.fact().id()).toList();
        List<MemberEntry> members = new ArrayList<>();
        for (Candidate c : loader.candidates(scope.communityIds(), List.of(), taskIds)) {
            members.add(new MemberEntry(c.id(), c.name(), c.skillLevels(), List.copyOf(c.availability()),
                    List.copyOf(c.postCategories()), c.microGridId(), c.gridId(), c.communityId(), c.streetId(),
                    c.historyMinutes() / 60.0, c.weeklyCapMinutes() / 60.0,
                    c.busy().stream().map(w -> new Window(time(w[0]), time(w[1]))).toList(), c.satisfaction(),
                    List.copyOf(c.servedResidentIds())));
        }
        List<TaskEntry> tasks = new ArrayList<>();
        for (LoadedTask t : scope.tasks()) {
            TaskFact f = t.fact();
            tasks.add(new TaskEntry(f.id(), f.title(), f.kind(), f.difficulty(), time(f.start()), time(f.end()),
                    List.copyOf(f.skillIds()), f.categoryId(), f.microGridId(), f.gridId(), f.communityId(), f.streetId(),
                    List.copyOf(f.residentIds()), t.headcount(), t.claimedBy(), t.audience(), List.copyOf(t.teamIds()),
                    t.claimedByTeams(), f.substitutes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> new InstanceFile.SubstituteEntry(e.getKey(), f.substituteNames().get(e.getKey()), e.getValue()))
                            .toList()));
        }
        List<TeamEntry> teams = new ArrayList<>();
        for (Team team : loader.teams(scope.communityIds())) {
            teams.add(new TeamEntry(team.id(), team.name(), team.branchId(), team.communityId(), team.members(),
                    team.skillHolders(), team.residentsByGrid(), team.historyMinutes() / 60.0));
        }
        return new Instance(null, null, members, teams, tasks);
    }

    private static String time(long epochMinute) {
        return Instant.ofEpochSecond(epochMinute * 60).atOffset(ZoneOffset.ofHours(8)).toString();
    }

    private static String first(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
