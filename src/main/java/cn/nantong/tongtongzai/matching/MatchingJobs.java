package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.api.solver.SolverManager;
import org.optaplanner.core.api.solver.change.ProblemChange;
import org.optaplanner.core.config.solver.SolverManagerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.matching.CandidateLoader.Scope;
import cn.nantong.tongtongzai.matching.MatchingJob.Proposal;
import cn.nantong.tongtongzai.matching.MatchingJob.TaskAdded;
import cn.nantong.tongtongzai.matching.MatchingJob.TeamProposal;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.ClaimService;
import cn.nantong.tongtongzai.task.TaskPublished;
import cn.nantong.tongtongzai.task.TeamClaim;

/**
 * Matching jobs: plan the open seats of a community's (or a street's) tasks asynchronously — members for
 * individual tasks, functional branches or groups for team tasks — report progress, and turn accepted
 * proposals into claims marked MATCHING. Each job has its own {@link SolverManager} so that its termination
 * is its own; several jobs run at once. A live job (OptaPlanner's daemon mode) keeps running until it is
 * stopped: a task published meanwhile in its scope — an emergency above all — enters the running solver as
 * a problem change, and accepted proposals are pinned the same way. Jobs live in memory: a restart forgets
 * them (the claims they produced stay).
 */
@Service
public class MatchingJobs {

    private static final Logger log = LoggerFactory.getLogger(MatchingJobs.class);
    static final int MAX_SECONDS = 600;
    /** Live jobs hold a solver thread each until stopped. */
    static final int MAX_LIVE = 8;

    private final CandidateLoader loader;
    private final ClaimService claims;
    private final PlanExplainer explainer;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** Takes newly published tasks into running jobs. */
    private final java.util.concurrent.ExecutorService intake = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    MatchingJobs(CandidateLoader loader, ClaimService claims, PlanExplainer explainer) {
        this.loader = loader;
        this.claims = claims;
        this.explainer = explainer;
    }

    /** How to run a job: its scope (a community or a street), termination, weights and pool, and whether it stays live. */
    public record Options(String communityId, String streetId, Integer seconds, Integer unimprovedSeconds,
            MatchingWeights weights, boolean streetWide, boolean live) {
    }

    /** One job's moving parts; the best plan is replaced whenever the solver finds a better one. */
    private static final class Run {
        final String id;
        final String scopeId;
        final String scopeLevel;
        final Set<String> communityIds;
        final boolean live;
        final boolean streetWide;
        final Instant startedAt = Instant.now();
        final SolverManager<MatchingPlan, String> solverManager;
        final Map<String, TaskAdded> added = new ConcurrentHashMap<>();
        volatile MatchingPlan best;
        volatile String status;
        volatile Instant finishedAt;
        volatile String error;
        /** The explanation of {@code best}, computed once per plan. */
        volatile PlanExplainer.Explained explained;
        volatile MatchingPlan explainedPlan;

        Run(String id, Options options, Scope scope, SolverManager<MatchingPlan, String> solverManager, MatchingPlan problem) {
            this.id = id;
            this.scopeId = options.communityId() != null ? options.communityId() : options.streetId();
            this.scopeLevel = options.communityId() != null ? "COMMUNITY" : "STREET";
            this.communityIds = Set.copyOf(scope.communityIds());
            this.live = options.live();
            this.streetWide = options.streetWide();
            this.status = live ? "LIVE" : "SOLVING";
            this.solverManager = solverManager;
            this.best = problem;
        }

        boolean running() {
            return "SOLVING".equals(status) || "LIVE".equals(status);
        }
    }

    public MatchingJob start(Options options) {
        if ((options.communityId() == null) == (options.streetId() == null)) {
            throw new UserInputException("SCOPE_REQUIRED", "请指定一个社区（communityId）或一个街道（streetId）。");
        }
        int limit = options.seconds() == null ? 30 : options.seconds();
        int unimproved = options.unimprovedSeconds() == null ? Math.min(5, limit) : options.unimprovedSeconds();
        if (limit < 1 || limit > MAX_SECONDS || unimproved < 1 || unimproved > limit) {
            throw new UserInputException("INVALID_TERMINATION", "求解时长须为1至" + MAX_SECONDS + "秒，无改进时长须在1秒与求解时长之间。");
        }
        if (options.live() && runs.values().stream().filter(r -> "LIVE".equals(r.status)).count() >= MAX_LIVE) {
            throw new UserInputException("TOO_MANY_LIVE_JOBS", "实时匹配任务已达上限（" + MAX_LIVE + "个）：请先停止不再需要的。");
        }
        Scope scope = loader.scope(options.communityId(), options.streetId()).orElseThrow(() -> options.communityId() != null
                ? new UserInputException("COMMUNITY_NOT_FOUND", "找不到该社区。")
                : new UserInputException("STREET_NOT_FOUND", "找不到该街道。"));
        MatchingPlan problem = problem(scope, options.weights(), options.streetWide() ? CandidatePool.STREET : CandidatePool.COMMUNITY);
        String id = "MJ-" + UUID.randomUUID();
        SolverManager<MatchingPlan, String> solverManager = SolverManager.create(
                SolverFactory.create(MatchingSolverConfiguration.solverConfig(Duration.ofSeconds(limit),
                        Duration.ofSeconds(unimproved), options.live())),
                new SolverManagerConfig().withParallelSolverCount("1"));
        Run run = new Run(id, options, scope, solverManager, problem);
        runs.put(id, run);
        solverManager.solveAndListen(id, jobId -> problem,
                better -> {
                    run.best = better;
                    noteProposals(run, better);
                },
                last -> {
                    run.best = last;
                    finish(run, "STOPPED".equals(run.status) ? "STOPPED" : "COMPLETED", null);
                },
                (jobId, failure) -> {
                    log.warn("Matching job {} failed", jobId, failure);
                    finish(run, "FAILED", failure.getMessage());
                });
        return view(run);
    }

    public MatchingJob job(String id) {
        return view(run(id));
    }

    /** The most recent jobs first; bounded (jobs are kept in memory). */
    public List<MatchingJob> jobs(int limit) {
        return runs.values().stream().sorted(Comparator.comparing((Run r) -> r.startedAt).reversed()).limit(limit)
                .map(this::view).toList();
    }

    /** Stops solving early (a live job stops listening); the best plan so far stays readable and acceptable. */
    public MatchingJob stop(String id) {
        Run run = run(id);
        if (run.running()) {
            run.status = "STOPPED";
            run.solverManager.terminateEarly(id);
        }
        return view(run);
    }

    /**
     * A task published in a running job's scope enters its solver as a problem change: its seats (or its
     * team seat) are added and the construction heuristic fills them first, so a proposal appears without
     * restarting the job. Runs after the publishing transaction committed.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void taskPublished(TaskPublished event) {
        List<Run> concerned = runs.values().stream()
                .filter(run -> run.running() && run.communityIds.contains(event.communityId())).toList();
        if (concerned.isEmpty()) {
            return;
        }
        Instant received = Instant.now();
        // off the committing thread: its (finished) transaction is still bound there
        intake.execute(() -> addToRuns(event, concerned, received));
    }

    private void addToRuns(TaskPublished event, List<Run> concerned, Instant received) {
        List<LoadedTask> loaded = loader.tasksById(List.of(event.taskId()));
        if (loaded.isEmpty()) {
            return;
        }
        LoadedTask task = loaded.get(0);
        for (Run run : concerned) {
            run.added.put(task.fact().id(), new TaskAdded(task.fact().id(), received, null));
            try {
                run.solverManager.addProblemChange(run.id, addTask(task)).exceptionally(failure -> {
                    log.warn("Task {} could not enter matching job {}", task.fact().id(), run.id, failure);
                    return null;
                });
            } catch (RuntimeException finished) { // the job ended meanwhile: nothing to add the task to
                run.added.remove(task.fact().id());
                log.debug("Matching job {} ended before task {} could enter it", run.id, task.fact().id(), finished);
            }
        }
    }

    /** Adds a task's seats to the working plan, drawing on the plan's own candidates and teams. */
    private static ProblemChange<MatchingPlan> addTask(LoadedTask task) {
        return (plan, director) -> {
            if (plan.getTasks().stream().anyMatch(t -> t.id().equals(task.fact().id()))) {
                return; // already planned
            }
            MatchingPlan.Ranges ranges = new MatchingPlan.Ranges(plan.getCandidates(), plan.getTeams(), plan.getPool());
            director.addProblemFact(task.fact(), plan.getTasks()::add);
            OpenSeats seats = seats(task, byId(plan.getCandidates(), Candidate::id), byId(plan.getTeams(), Team::id));
            for (Seat seat : seats.members()) {
                ranges.assign(seat);
                director.addEntity(seat, plan.getSeats()::add);
            }
            for (TeamSeat seat : seats.teams()) {
                ranges.assign(seat);
                director.addEntity(seat, plan.getTeamSeats()::add);
            }
        };
    }

    /**
     * Turns proposals into claims (source MATCHING) — a member's claim for an individual task, a team claim
     * for a team task — each in its own transaction: a proposal gone stale (the seat was taken or the member
     * claimed meanwhile) is refused with its code and never over-books. A live job keeps running with the
     * accepted seats pinned.
     */
    public Accepted accept(String id, List<String> seatIds, Actor actor) {
        Run run = run(id);
        if ("SOLVING".equals(run.status)) {
            throw new UserInputException("JOB_SOLVING", "方案仍在计算中：请等待完成或先停止。");
        }
        if ("DISCARDED".equals(run.status) || "FAILED".equals(run.status)) {
            throw new UserInputException("JOB_NOT_ACCEPTABLE", "该方案已放弃或计算失败，不能采纳。");
        }
        MatchingPlan plan = run.best;
        List<Proposal> proposals = proposals(plan, PlanExplainer.Explained.NONE);
        List<TeamProposal> teamProposals = teamProposals(plan, PlanExplainer.Explained.NONE);
        if (seatIds != null) {
            Set<String> wanted = Set.copyOf(seatIds);
            List<String> unknown = seatIds.stream().filter(s -> proposals.stream().noneMatch(p -> p.seatId().equals(s))
                    && teamProposals.stream().noneMatch(p -> p.seatId().equals(s))).toList();
            if (!unknown.isEmpty()) {
                throw new UserInputException("PROPOSAL_NOT_FOUND", "方案中没有这些名额：" + String.join("、", unknown) + "。");
            }
            proposals.removeIf(p -> !wanted.contains(p.seatId()));
            teamProposals.removeIf(p -> !wanted.contains(p.seatId()));
        }
        List<Claim> accepted = new ArrayList<>();
        List<TeamClaim> teamClaims = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Map<String, String> pinned = new LinkedHashMap<>(); // seat → member or team now claimed
        for (Proposal proposal : proposals) {
            try {
                accepted.add(claims.claim(proposal.taskId(), proposal.memberId(), ClaimService.Source.MATCHING, actor));
                pinned.put(proposal.seatId(), proposal.memberId());
            } catch (UserInputException stale) {
                refused.add(new Refused(proposal.seatId(), stale.code(), "方案已过期：" + stale.getMessage()));
            }
        }
        for (TeamProposal proposal : teamProposals) {
            try {
                teamClaims.add(claims.claimAsTeam(proposal.taskId(), proposal.teamId(), ClaimService.Source.MATCHING, actor));
                pinned.put(proposal.seatId(), proposal.teamId());
            } catch (UserInputException stale) {
                refused.add(new Refused(proposal.seatId(), stale.code(), "方案已过期：" + stale.getMessage()));
            }
        }
        if ("LIVE".equals(run.status)) {
            try {
                run.solverManager.addProblemChange(run.id, pin(pinned)).exceptionally(failure -> {
                    log.warn("Accepted seats could not be pinned in matching job {}", run.id, failure);
                    return null;
                });
            } catch (RuntimeException stopped) { // stopped meanwhile: the claims stand, nothing left to pin
                log.debug("Matching job {} stopped before its accepted seats could be pinned", run.id, stopped);
            }
        } else {
            run.status = "ACCEPTED";
        }
        return new Accepted(view(run), accepted, teamClaims, refused);
    }

    /** Pins accepted seats to the member or team that now holds them. */
    private static ProblemChange<MatchingPlan> pin(Map<String, String> accepted) {
        return (plan, director) -> {
            Map<String, Candidate> members = byId(plan.getCandidates(), Candidate::id);
            Map<String, Team> teams = byId(plan.getTeams(), Team::id);
            for (Seat seat : plan.getSeats()) {
                String memberId = accepted.get(seat.getId());
                if (memberId != null && members.containsKey(memberId)) {
                    director.changeVariable(seat, "member", s -> s.setMember(members.get(memberId)));
                    director.changeProblemProperty(seat, Seat::pin);
                }
            }
            for (TeamSeat seat : plan.getTeamSeats()) {
                String teamId = accepted.get(seat.getId());
                if (teamId != null && teams.containsKey(teamId)) {
                    director.changeVariable(seat, "team", s -> s.setTeam(teams.get(teamId)));
                    director.changeProblemProperty(seat, TeamSeat::pin);
                }
            }
        };
    }

    /** Discards a job's proposals (it is stopped first if still running). */
    public MatchingJob reject(String id) {
        Run run = run(id);
        boolean running = run.running();
        run.status = "DISCARDED"; // before terminating, so the job's end keeps it
        if (running) {
            run.solverManager.terminateEarly(id);
        }
        return view(run);
    }

    /** Stops every job when the service shuts down (their threads would otherwise keep it alive). */
    @jakarta.annotation.PreDestroy
    void stopAll() {
        intake.shutdownNow();
        runs.values().forEach(run -> {
            if (run.running()) {
                run.solverManager.close();
            }
        });
    }

    /** What {@link #accept} did: the claims made and the proposals refused as stale. */
    public record Accepted(MatchingJob job, List<Claim> claims, List<TeamClaim> teamClaims, List<Refused> refused) {
    }

    public record Refused(String seatId, String code, String message) {
    }

    private static void finish(Run run, String status, String error) {
        if (!"DISCARDED".equals(run.status) && !"ACCEPTED".equals(run.status)) {
            run.status = status;
        }
        run.error = error;
        run.finishedAt = Instant.now();
        try {
            run.solverManager.close(); // the job's own solver thread is done; free its pool
        } catch (RuntimeException e) {
            log.debug("Closing the solver of job {}", run.id, e);
        }
    }

    /** Records when a task added while running first got a proposal. */
    private static void noteProposals(Run run, MatchingPlan plan) {
        if (run.added.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        run.added.replaceAll((taskId, added) -> {
            if (added.firstProposalAt() != null) {
                return added;
            }
            boolean proposed = plan.getSeats().stream().anyMatch(s -> !s.isPinned() && s.getMember() != null && s.getTask().id().equals(taskId))
                    || plan.getTeamSeats().stream().anyMatch(s -> !s.isPinned() && s.getTeam() != null && s.getTask().id().equals(taskId));
            return proposed ? new TaskAdded(taskId, added.addedAt(), now) : added;
        });
    }

    private Run run(String id) {
        Run run = id == null ? null : runs.get(id);
        if (run == null) {
            throw new UserInputException("JOB_NOT_FOUND", "找不到该匹配任务（服务重启后匹配任务不保留）。");
        }
        return run;
    }

    private MatchingPlan problem(Scope scope, MatchingWeights weights, CandidatePool pool) {
        // claims on the individual tasks planned here are pinned seats, not "busy elsewhere"
        List<String> memberTasks = scope.tasks().stream().filter(t -> !t.forTeams()).map(t -> t.fact().id()).toList();
        List<String> communities = pool.streetWide() && scope.streetId() != null
                ? loader.communitiesOfStreet(scope.streetId()) : scope.communityIds();
        List<Candidate> candidates = loader.candidates(communities, List.of(), memberTasks);
        List<Team> teams = loader.teams(scope.communityIds());
        Map<String, Candidate> members = byId(candidates, Candidate::id);
        Map<String, Team> teamsById = byId(teams, Team::id);
        List<Seat> seats = new ArrayList<>();
        List<TeamSeat> teamSeats = new ArrayList<>();
        for (LoadedTask task : scope.tasks()) {
            OpenSeats s = seats(task, members, teamsById);
            seats.addAll(s.members());
            teamSeats.addAll(s.teams());
        }
        return new MatchingPlan(candidates, teams, scope.tasks().stream().map(LoadedTask::fact).toList(), seats,
                teamSeats, weights, pool);
    }

    private static OpenSeats seats(LoadedTask task, Map<String, Candidate> members, Map<String, Team> teams) {
        return OpenSeats.of(task.fact(), task.headcount(), task.claimedBy(), task.forTeams(), task.teamIds(),
                task.claimedByTeams(), members, teams);
    }

    private static <T> Map<String, T> byId(List<T> list, java.util.function.Function<T, String> id) {
        Map<String, T> map = new HashMap<>();
        list.forEach(x -> map.put(id.apply(x), x));
        return map;
    }

    private static List<Proposal> proposals(MatchingPlan plan, PlanExplainer.Explained explained) {
        List<Proposal> proposals = new ArrayList<>();
        for (Seat seat : plan.getSeats()) {
            if (!seat.isPinned() && seat.getMember() != null) {
                PlanExplainer.SeatExplanation e = explained.seats().get(seat);
                proposals.add(new Proposal(seat.getId(), seat.getTask().id(), seat.getMember().id(),
                        e == null ? List.of() : e.reasons()));
            }
        }
        return proposals;
    }

    private static List<TeamProposal> teamProposals(MatchingPlan plan, PlanExplainer.Explained explained) {
        List<TeamProposal> proposals = new ArrayList<>();
        for (TeamSeat seat : plan.getTeamSeats()) {
            if (!seat.isPinned() && seat.getTeam() != null) {
                PlanExplainer.SeatExplanation e = explained.teamSeats().get(seat);
                proposals.add(new TeamProposal(seat.getId(), seat.getTask().id(), seat.getTeam().id(),
                        e == null ? List.of() : e.reasons()));
            }
        }
        return proposals;
    }

    private PlanExplainer.Explained explained(Run run, MatchingPlan plan) {
        if (run.explainedPlan != plan) {
            run.explained = explainer.explain(plan);
            run.explainedPlan = plan;
        }
        return run.explained;
    }

    private MatchingJob view(Run run) {
        MatchingPlan plan = run.best;
        HardMediumSoftLongScore score = plan.getScore();
        List<Seat> open = plan.getSeats().stream().filter(s -> !s.isPinned()).toList();
        List<TeamSeat> openTeams = plan.getTeamSeats().stream().filter(s -> !s.isPinned()).toList();
        Instant end = run.finishedAt != null ? run.finishedAt : Instant.now();
        // reasons once the plan no longer changes, or at any moment in a live job
        PlanExplainer.Explained explained = "SOLVING".equals(run.status) ? PlanExplainer.Explained.NONE : explained(run, plan);
        return new MatchingJob(run.id, run.scopeId, run.scopeLevel, run.status, run.live, run.streetWide, run.startedAt,
                run.finishedAt, Duration.between(run.startedAt, end).toMillis(), score == null ? null : score.hardScore(),
                score == null ? null : score.mediumScore(), score == null ? null : score.softScore(),
                open.size() + openTeams.size(),
                (int) (open.stream().filter(s -> s.getMember() != null).count()
                        + openTeams.stream().filter(s -> s.getTeam() != null).count()),
                proposals(plan, explained), teamProposals(plan, explained),
                run.added.values().stream().sorted(Comparator.comparing(TaskAdded::addedAt)).toList(), run.error);
    }
}
