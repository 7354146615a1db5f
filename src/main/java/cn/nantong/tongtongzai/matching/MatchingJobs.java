package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
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
 *
 * <p>A street job is solved in parts, one per community, each with its own solver: with the community pool the
 * communities share no member and no team, so the parts together are the street's plan. A part that cannot be
 * read or solved fails alone and says why; the others complete and can be accepted. With the street-wide pool
 * the communities share members, so the street is one part. Accepting a street-wide job's proposals makes
 * support claims (下沉一线支援, see {@link ClaimService.Pool#STREET}) for members and teams of other communities.
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
    private final ProposalNotices notices;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** Takes newly published tasks into running jobs. */
    private final java.util.concurrent.ExecutorService intake = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    MatchingJobs(CandidateLoader loader, ClaimService claims, PlanExplainer explainer, ProposalNotices notices) {
        this.loader = loader;
        this.claims = claims;
        this.explainer = explainer;
        this.notices = notices;
    }

    /** How to run a job: its scope (a community or a street), termination, weights and pool, and whether it stays live. */
    public record Options(String communityId, String streetId, Integer seconds, Integer unimprovedSeconds,
            MatchingWeights weights, boolean streetWide, boolean live) {
    }

    /** One job: its parts, and what the secretary decided. */
    private static final class Run {
        final String id;
        final String scopeId;
        final String scopeLevel;
        final Set<String> communityIds;
        final boolean live;
        final boolean streetWide;
        final Instant startedAt = Instant.now();
        final List<Part> parts = new ArrayList<>();
        final Map<String, TaskAdded> added = new ConcurrentHashMap<>();
        /** ACCEPTED or DISCARDED once decided; a live job keeps running after an acceptance. */
        volatile String decision;
        /** Seats whose proposal the secretary rejected: left open, never proposed again by this job. */
        final Set<String> rejected = ConcurrentHashMap.newKeySet();
        volatile boolean stopped;

        Run(String id, Options options, Set<String> communityIds) {
            this.id = id;
            this.scopeId = options.communityId() != null ? options.communityId() : options.streetId();
            this.scopeLevel = options.communityId() != null ? "COMMUNITY" : "STREET";
            this.communityIds = communityIds;
            this.live = options.live();
            this.streetWide = options.streetWide();
        }

        boolean running() {
            return decision == null && parts.stream().anyMatch(Part::running);
        }

        String status() {
            if (decision != null) {
                return decision;
            }
            if (parts.stream().anyMatch(Part::running)) {
                return live ? "LIVE" : "SOLVING";
            }
            if (parts.stream().allMatch(Part::failed)) {
                return "FAILED";
            }
            return stopped ? "STOPPED" : "COMPLETED";
        }

        Instant finishedAt() {
            if (parts.stream().anyMatch(p -> p.finishedAt == null)) {
                return null;
            }
            return parts.stream().map(p -> p.finishedAt).max(Comparator.naturalOrder()).orElse(startedAt);
        }

        /** Why parts failed, each prefixed with its community (or street). */
        String error() {
            List<String> errors = parts.stream().filter(Part::failed).map(p -> p.scopeId + "：" + p.error).toList();
            return errors.isEmpty() ? null : String.join("；", errors);
        }

        Optional<Part> partFor(String communityId) {
            return parts.stream().filter(p -> p.communityIds.contains(communityId)).findFirst();
        }
    }

    /** One solve: a community's tasks, or the whole street's with the street-wide pool. */
    private static final class Part {
        final String scopeId;
        final Set<String> communityIds;
        /** Null when the part could not be read. */
        final SolverManager<MatchingPlan, String> solverManager;
        /** The best plan so far; null when the part could not be read. */
        volatile MatchingPlan best;
        volatile String status;
        volatile String error;
        volatile Instant finishedAt;
        /** The seats filled in the last plan told to subscribers ({@link ProposalNotices}). */
        volatile java.util.Set<String> proposed = Set.of();
        /** The explanation of {@code best}, computed once per plan. */
        volatile PlanExplainer.Explained explained;
        volatile MatchingPlan explainedPlan;

        Part(String scopeId, Set<String> communityIds, SolverManager<MatchingPlan, String> solverManager,
                MatchingPlan problem, boolean live) {
            this.scopeId = scopeId;
            this.communityIds = communityIds;
            this.solverManager = solverManager;
            this.best = problem;
            this.status = live ? "LIVE" : "SOLVING";
        }

        static Part failed(String scopeId, Set<String> communityIds, String error) {
            Part part = new Part(scopeId, communityIds, null, null, false);
            part.status = "FAILED";
            part.error = error;
            part.finishedAt = Instant.now();
            return part;
        }

        boolean running() {
            return "SOLVING".equals(status) || "LIVE".equals(status);
        }

        boolean failed() {
            return "FAILED".equals(status);
        }

        /** Ends solving early, if still running: a live part stops listening. */
        void terminate(String jobId) {
            if (running()) {
                solverManager.terminateEarly(jobId);
            }
        }
    }

    public MatchingJob start(Options options) {
        if ((options.communityId() == null) == (options.streetId() == null)) {
            throw new UserInputException(ErrorCode.SCOPE_REQUIRED, "请指定一个社区（communityId）或一个街道（streetId）。");
        }
        int limit = options.seconds() == null ? 30 : options.seconds();
        int unimproved = options.unimprovedSeconds() == null ? Math.min(5, limit) : options.unimprovedSeconds();
        if (limit < 1 || limit > MAX_SECONDS || unimproved < 1 || unimproved > limit) {
            throw new UserInputException(ErrorCode.INVALID_TERMINATION, "求解时长须为1至" + MAX_SECONDS + "秒，无改进时长须在1秒与求解时长之间。");
        }
        if (options.live() && runs.values().stream().filter(r -> "LIVE".equals(r.status())).count() >= MAX_LIVE) {
            throw new UserInputException(ErrorCode.TOO_MANY_LIVE_JOBS, "实时匹配任务已达上限（" + MAX_LIVE + "个）：请先停止不再需要的。");
        }
        List<String> communities = loader.communities(options.communityId(), options.streetId());
        if (communities.isEmpty()) {
            throw options.communityId() != null ? new UserInputException(ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                    : new UserInputException(ErrorCode.STREET_NOT_FOUND, "找不到该街道。");
        }
        String id = "MJ-" + UUID.randomUUID();
        Run run = new Run(id, options, Set.copyOf(communities));
        CandidatePool pool = options.streetWide() ? CandidatePool.STREET : CandidatePool.COMMUNITY;
        List<String> partScopes = options.streetWide() || options.communityId() != null ? List.of(run.scopeId) : communities;
        for (String partScope : partScopes) {
            run.parts.add(part(run, partScope, options, pool, Duration.ofSeconds(limit), Duration.ofSeconds(unimproved)));
        }
        runs.put(id, run);
        return view(run);
    }

    /** Reads one part's problem and starts solving it; a part that cannot be read fails alone, with the reason. */
    private Part part(Run run, String partScope, Options options, CandidatePool pool, Duration limit, Duration unimproved) {
        boolean street = partScope.equals(options.streetId());
        Set<String> communities = street ? run.communityIds : Set.of(partScope);
        MatchingPlan problem;
        try {
            Scope scope = loader.scope(street ? null : partScope, street ? partScope : null)
                    .orElseThrow(() -> new IllegalStateException("社区已不存在"));
            problem = problem(scope, options.weights(), pool);
        } catch (RuntimeException e) {
            log.warn("Matching job {}: the data of {} could not be read", run.id, partScope, e);
            return Part.failed(partScope, communities, "读取数据失败（" + brief(e) + "），本部分未求解；其余部分不受影响，请管理员检查该处数据。");
        }
        // the exact core gives the first plan and, for a time-boxed job, the bound it stops at; a live job
        // takes problem changes, after which the first bound no longer holds
        HardMediumSoftLongScore bound = PlanSolver.prepare(problem, ExactCore.solve(problem));
        SolverManager<MatchingPlan, String> solverManager = SolverManager.create(
                SolverFactory.create(MatchingSolverConfiguration.solverConfig(limit, unimproved, options.live(),
                        options.live() ? null : bound)),
                new SolverManagerConfig().withParallelSolverCount("1"));
        Part part = new Part(partScope, communities, solverManager, problem, options.live());
        solverManager.solveAndListen(run.id, jobId -> problem,
                better -> {
                    part.best = better;
                    noteProposals(run, better);
                    tellIfProposed(run, part, better);
                },
                last -> {
                    part.best = last;
                    finish(run, part, run.stopped ? "STOPPED" : "COMPLETED", null);
                    tell(run);
                },
                (jobId, failure) -> {
                    log.warn("Matching job {} failed for {}", jobId, partScope, failure);
                    finish(run, part, "FAILED", "求解失败（" + brief(failure) + "）；其余部分不受影响。");
                    tell(run);
                });
        return part;
    }

    private static String brief(Throwable failure) {
        String message = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
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
            run.stopped = true;
            run.parts.forEach(part -> part.terminate(id));
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
            Part part = run.partFor(event.communityId()).filter(Part::running).orElse(null);
            if (part == null) {
                continue; // that community's part failed or ended
            }
            run.added.put(task.fact().id(), new TaskAdded(task.fact().id(), received, null));
            try {
                part.solverManager.addProblemChange(run.id, addTask(task)).exceptionally(failure -> {
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
        String status = requireDecidable(run);
        Proposed now = proposed(run);
        List<Proposal> proposals = now.members();
        List<TeamProposal> teamProposals = now.teams();
        if (seatIds != null) {
            Set<String> wanted = Set.copyOf(seatIds);
            requireProposed(seatIds, proposals, teamProposals);
            proposals.removeIf(p -> !wanted.contains(p.seatId()));
            teamProposals.removeIf(p -> !wanted.contains(p.seatId()));
        }
        List<Claim> accepted = new ArrayList<>();
        List<TeamClaim> teamClaims = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Map<String, String> pinned = new LinkedHashMap<>(); // seat → member or team now claimed
        // a street-wide job proposes members and teams of other communities of the street: 下沉一线支援
        ClaimService.Pool pool = run.streetWide ? ClaimService.Pool.STREET : ClaimService.Pool.COMMUNITY;
        for (Proposal proposal : proposals) {
            try {
                accepted.add(claims.claim(proposal.taskId(), proposal.memberId(), ClaimService.Source.MATCHING, pool, actor));
                pinned.put(proposal.seatId(), proposal.memberId());
            } catch (UserInputException stale) {
                refused.add(new Refused(proposal.seatId(), stale.code(), "方案已过期：" + stale.getMessage()));
            }
        }
        for (TeamProposal proposal : teamProposals) {
            try {
                teamClaims.add(claims.claimAsTeam(proposal.taskId(), proposal.teamId(), ClaimService.Source.MATCHING, pool, actor));
                pinned.put(proposal.seatId(), proposal.teamId());
            } catch (UserInputException stale) {
                refused.add(new Refused(proposal.seatId(), stale.code(), "方案已过期：" + stale.getMessage()));
            }
        }
        if ("LIVE".equals(status)) {
            for (Part part : run.parts) {
                if (!part.running()) {
                    continue;
                }
                try {
                    part.solverManager.addProblemChange(run.id, pin(pinned)).exceptionally(failure -> {
                        log.warn("Accepted seats could not be pinned in matching job {}", run.id, failure);
                        return null;
                    });
                } catch (RuntimeException stopped) { // stopped meanwhile: the claims stand, nothing left to pin
                    log.debug("Matching job {} stopped before its accepted seats could be pinned", run.id, stopped);
                }
            }
        } else {
            run.decision = "ACCEPTED";
            tell(run);
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

    /**
     * Discards a job's proposals (it is stopped first if still running); or, given seats, only theirs: those
     * seats stay open and this job proposes nobody for them again — a live job keeps them empty and runs on.
     */
    public MatchingJob reject(String id, List<String> seatIds) {
        Run run = run(id);
        if (seatIds == null) {
            run.decision = "DISCARDED"; // before terminating, so the job's end keeps it
            run.parts.forEach(part -> part.terminate(id));
            tell(run);
            return view(run);
        }
        requireDecidable(run);
        Proposed now = proposed(run);
        requireProposed(seatIds, now.members(), now.teams());
        run.rejected.addAll(seatIds);
        for (Part part : run.parts) {
            if ("LIVE".equals(part.status)) {
                try {
                    part.solverManager.addProblemChange(run.id, keepEmpty(Set.copyOf(seatIds)));
                } catch (RuntimeException stopped) { // stopped meanwhile: the rejected seats are filtered out anyway
                    log.debug("Matching job {} stopped before its rejected seats could be emptied", run.id, stopped);
                }
            }
        }
        tell(run);
        return view(run);
    }

    /** A plan can be accepted or rejected seat by seat once it no longer changes by itself (or runs live); answers its status. */
    private static String requireDecidable(Run run) {
        String status = run.status();
        if ("SOLVING".equals(status)) {
            throw new UserInputException(ErrorCode.JOB_SOLVING, "方案仍在计算中：请等待完成或先停止。");
        }
        if ("DISCARDED".equals(status) || "FAILED".equals(status)) {
            throw new UserInputException(ErrorCode.JOB_NOT_ACCEPTABLE, "该方案已放弃或计算失败，不能采纳或逐个拒绝。");
        }
        return status;
    }

    /** The proposals of every part's best plan now, without reasons; lists the caller may change. */
    private static Proposed proposed(Run run) {
        Proposed now = new Proposed(new ArrayList<>(), new ArrayList<>());
        for (Part part : run.parts) {
            if (part.best != null) {
                now.members().addAll(proposals(part.best, PlanExplainer.Explained.NONE, run.rejected));
                now.teams().addAll(teamProposals(part.best, PlanExplainer.Explained.NONE, run.rejected));
            }
        }
        return now;
    }

    private record Proposed(List<Proposal> members, List<TeamProposal> teams) {
    }

    private static void requireProposed(List<String> seatIds, List<Proposal> proposals, List<TeamProposal> teamProposals) {
        List<String> unknown = seatIds.stream().filter(s -> proposals.stream().noneMatch(p -> p.seatId().equals(s))
                && teamProposals.stream().noneMatch(p -> p.seatId().equals(s))).toList();
        if (!unknown.isEmpty()) {
            throw new UserInputException(ErrorCode.PROPOSAL_NOT_FOUND, "方案中没有这些名额：" + String.join("、", unknown) + "。");
        }
    }

    /** Empties rejected seats and pins them, so that a live job does not fill them again. */
    private static ProblemChange<MatchingPlan> keepEmpty(Set<String> seatIds) {
        return (plan, director) -> {
            for (Seat seat : plan.getSeats()) {
                if (seatIds.contains(seat.getId()) && !seat.isPinned()) {
                    director.changeVariable(seat, "member", s -> s.setMember(null));
                    director.changeProblemProperty(seat, Seat::pin);
                }
            }
            for (TeamSeat seat : plan.getTeamSeats()) {
                if (seatIds.contains(seat.getId()) && !seat.isPinned()) {
                    director.changeVariable(seat, "team", s -> s.setTeam(null));
                    director.changeProblemProperty(seat, TeamSeat::pin);
                }
            }
        };
    }

    /** Stops every job when the service shuts down (their threads would otherwise keep it alive). */
    @jakarta.annotation.PreDestroy
    void stopAll() {
        intake.shutdownNow();
        runs.values().forEach(run -> run.parts.forEach(part -> {
            if (part.running()) {
                part.solverManager.close();
            }
        }));
    }

    /** What {@link #accept} did: the claims made and the proposals refused as stale. */
    public record Accepted(MatchingJob job, List<Claim> claims, List<TeamClaim> teamClaims, List<Refused> refused) {
    }

    public record Refused(String seatId, ErrorCode code, String message) {
    }

    private static void finish(Run run, Part part, String status, String error) {
        part.status = status;
        part.error = error;
        part.finishedAt = Instant.now();
        try {
            part.solverManager.close(); // the part's own solver thread is done; free its pool
        } catch (RuntimeException e) {
            log.debug("Closing a solver of job {}", run.id, e);
        }
    }

    /** Tells subscribers when the plan fills other seats, or other members or teams, than the last one told. */
    private void tellIfProposed(Run run, Part part, MatchingPlan plan) {
        Set<String> proposed = new java.util.HashSet<>();
        plan.getSeats().stream().filter(s -> !s.isPinned() && s.getMember() != null)
                .forEach(s -> proposed.add(s.getId() + "=" + s.getMember().id()));
        plan.getTeamSeats().stream().filter(s -> !s.isPinned() && s.getTeam() != null)
                .forEach(s -> proposed.add(s.getId() + "=" + s.getTeam().id()));
        if (!proposed.equals(part.proposed)) {
            part.proposed = proposed;
            tell(run);
        }
    }

    /** Subscribers to the job's proposals read it again (matchingProposals). */
    private void tell(Run run) {
        notices.changed(run.id, run.scopeLevel, run.scopeId);
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
            throw new UserInputException(ErrorCode.JOB_NOT_FOUND, "找不到该匹配任务（服务重启后匹配任务不保留）。");
        }
        return run;
    }

    private MatchingPlan problem(Scope scope, MatchingWeights weights, CandidatePool pool) {
        // claims on the individual tasks planned here are pinned seats, not "busy elsewhere"
        List<String> memberTasks = scope.tasks().stream().filter(t -> !t.forTeams()).map(t -> t.fact().id()).toList();
        List<String> communities = pool.streetWide() && scope.streetId() != null
                ? loader.communitiesOfStreet(scope.streetId()) : scope.communityIds();
        List<Candidate> candidates = loader.candidates(communities, List.of(), memberTasks);
        // the street-wide pool also offers the functional branches and groups of the street's other communities
        List<Team> teams = loader.teams(communities);
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

    private static List<Proposal> proposals(MatchingPlan plan, PlanExplainer.Explained explained, Set<String> rejected) {
        List<Proposal> proposals = new ArrayList<>();
        for (Seat seat : plan.getSeats()) {
            if (!seat.isPinned() && seat.getMember() != null && !rejected.contains(seat.getId())) {
                PlanExplainer.SeatExplanation e = explained.seats().get(seat);
                proposals.add(new Proposal(seat.getId(), seat.getTask().id(), seat.getMember().id(),
                        e == null ? List.of() : e.reasons()));
            }
        }
        return proposals;
    }

    private static List<TeamProposal> teamProposals(MatchingPlan plan, PlanExplainer.Explained explained, Set<String> rejected) {
        List<TeamProposal> proposals = new ArrayList<>();
        for (TeamSeat seat : plan.getTeamSeats()) {
            if (!seat.isPinned() && seat.getTeam() != null && !rejected.contains(seat.getId())) {
                PlanExplainer.SeatExplanation e = explained.teamSeats().get(seat);
                proposals.add(new TeamProposal(seat.getId(), seat.getTask().id(), seat.getTeam().id(),
                        e == null ? List.of() : e.reasons()));
            }
        }
        return proposals;
    }

    private PlanExplainer.Explained explained(Part part, MatchingPlan plan) {
        if (part.explainedPlan != plan) {
            part.explained = explainer.explain(plan);
            part.explainedPlan = plan;
        }
        return part.explained;
    }

    /** The job as its parts stand: scores added up, proposals of every part that has a plan. */
    private MatchingJob view(Run run) {
        HardMediumSoftLongScore score = null;
        int seats = 0;
        int filled = 0;
        List<Proposal> proposals = new ArrayList<>();
        List<TeamProposal> teamProposals = new ArrayList<>();
        List<MatchingJob.Part> parts = new ArrayList<>();
        for (Part part : run.parts) {
            MatchingPlan plan = part.best;
            if (plan == null) {
                parts.add(new MatchingJob.Part(part.scopeId, part.status, 0, 0, part.error));
                continue;
            }
            if (plan.getScore() != null) {
                score = score == null ? plan.getScore() : score.add(plan.getScore());
            }
            // a rejected seat is still open (a live job pins it empty), and filled by nobody this job proposes
            Set<String> rejected = run.rejected;
            List<Seat> open = plan.getSeats().stream().filter(s -> !s.isPinned() || rejected.contains(s.getId())).toList();
            List<TeamSeat> openTeams = plan.getTeamSeats().stream().filter(s -> !s.isPinned() || rejected.contains(s.getId())).toList();
            int partSeats = open.size() + openTeams.size();
            int partFilled = (int) (open.stream().filter(s -> s.getMember() != null && !rejected.contains(s.getId())).count()
                    + openTeams.stream().filter(s -> s.getTeam() != null && !rejected.contains(s.getId())).count());
            seats += partSeats;
            filled += partFilled;
            // reasons once the plan no longer changes, or at any moment in a live job
            PlanExplainer.Explained explained = "SOLVING".equals(part.status) ? PlanExplainer.Explained.NONE : explained(part, plan);
            proposals.addAll(proposals(plan, explained, rejected));
            teamProposals.addAll(teamProposals(plan, explained, rejected));
            parts.add(new MatchingJob.Part(part.scopeId, part.status, partSeats, partFilled, part.error));
        }
        Instant finishedAt = run.finishedAt();
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        return new MatchingJob(run.id, run.scopeId, run.scopeLevel, run.status(), run.live, run.streetWide, run.startedAt,
                finishedAt, Duration.between(run.startedAt, end).toMillis(), score == null ? null : score.hardScore(),
                score == null ? null : score.mediumScore(), score == null ? null : score.softScore(), seats, filled,
                proposals, teamProposals, List.copyOf(run.rejected),
                run.added.values().stream().sorted(Comparator.comparing(TaskAdded::addedAt)).toList(), run.error(), parts);
    }
}
