package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.api.solver.SolverManager;
import org.optaplanner.core.config.solver.SolverManagerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.matching.CandidateLoader.Scope;
import cn.nantong.tongtongzai.matching.MatchingJob.Proposal;
import cn.nantong.tongtongzai.platform.graphql.Actor;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.ClaimService;

/**
 * Matching jobs: plan the open seats of a community's (or a street's) published tasks asynchronously,
 * report progress, and turn accepted proposals into claims marked MATCHING. Each job has its own
 * {@link SolverManager} so that its termination (time limit, unimproved time) is its own; several jobs
 * run at once. Jobs live in memory: a restart forgets them (the claims they produced stay).
 */
@Service
public class MatchingJobs {

    private static final Logger log = LoggerFactory.getLogger(MatchingJobs.class);
    static final int MAX_SECONDS = 600;

    private final CandidateLoader loader;
    private final ClaimService claims;
    private final PlanExplainer explainer;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    MatchingJobs(CandidateLoader loader, ClaimService claims, PlanExplainer explainer) {
        this.loader = loader;
        this.claims = claims;
        this.explainer = explainer;
    }

    /** One job's moving parts; the best plan is replaced whenever the solver finds a better one. */
    private static final class Run {
        final String id;
        final String scopeId;
        final String scopeLevel;
        final Instant startedAt = Instant.now();
        final SolverManager<MatchingPlan, String> solverManager;
        volatile MatchingPlan best;
        volatile String status = "SOLVING";
        volatile Instant finishedAt;
        volatile String error;
        /** The explanation of {@code best} once solving ended, computed once. */
        volatile Map<Seat, PlanExplainer.SeatExplanation> explained;
        volatile MatchingPlan explainedPlan;

        Run(String id, String scopeId, String scopeLevel, SolverManager<MatchingPlan, String> solverManager, MatchingPlan problem) {
            this.id = id;
            this.scopeId = scopeId;
            this.scopeLevel = scopeLevel;
            this.solverManager = solverManager;
            this.best = problem;
        }
    }

    public MatchingJob start(String communityId, String streetId, Integer seconds, Integer unimprovedSeconds,
            MatchingWeights weights) {
        if ((communityId == null) == (streetId == null)) {
            throw new UserInputException("SCOPE_REQUIRED", "请指定一个社区（communityId）或一个街道（streetId）。");
        }
        int limit = seconds == null ? 30 : seconds;
        int unimproved = unimprovedSeconds == null ? Math.min(5, limit) : unimprovedSeconds;
        if (limit < 1 || limit > MAX_SECONDS || unimproved < 1 || unimproved > limit) {
            throw new UserInputException("INVALID_TERMINATION", "求解时长须为1至" + MAX_SECONDS + "秒，无改进时长须在1秒与求解时长之间。");
        }
        Scope scope = loader.scope(communityId, streetId).orElseThrow(() -> communityId != null
                ? new UserInputException("COMMUNITY_NOT_FOUND", "找不到该社区。")
                : new UserInputException("STREET_NOT_FOUND", "找不到该街道。"));
        MatchingPlan problem = problem(scope, weights);
        String id = "MJ-" + UUID.randomUUID();
        SolverManager<MatchingPlan, String> solverManager = SolverManager.create(
                SolverFactory.create(MatchingSolverConfiguration.solverConfig(Duration.ofSeconds(limit), Duration.ofSeconds(unimproved))),
                new SolverManagerConfig().withParallelSolverCount("1"));
        Run run = new Run(id, communityId != null ? communityId : streetId, communityId != null ? "COMMUNITY" : "STREET",
                solverManager, problem);
        runs.put(id, run);
        solverManager.solveAndListen(id, jobId -> problem,
                better -> run.best = better,
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

    /** Stops solving early; the best plan so far stays readable and acceptable. */
    public MatchingJob stop(String id) {
        Run run = run(id);
        if ("SOLVING".equals(run.status)) {
            run.status = "STOPPED";
            run.solverManager.terminateEarly(id);
        }
        return view(run);
    }

    /**
     * Turns proposals into claims (source MATCHING), each in its own transaction: a proposal gone stale
     * (the seat was taken or the member claimed meanwhile) is refused with its code and never over-books.
     */
    public Accepted accept(String id, List<String> seatIds, Actor actor) {
        Run run = run(id);
        if ("SOLVING".equals(run.status)) {
            throw new UserInputException("JOB_SOLVING", "方案仍在计算中：请等待完成或先停止。");
        }
        if ("DISCARDED".equals(run.status) || "FAILED".equals(run.status)) {
            throw new UserInputException("JOB_NOT_ACCEPTABLE", "该方案已放弃或计算失败，不能采纳。");
        }
        List<Proposal> proposals = proposals(run.best, Map.of());
        if (seatIds != null) {
            Set<String> wanted = Set.copyOf(seatIds);
            List<String> unknown = seatIds.stream().filter(s -> proposals.stream().noneMatch(p -> p.seatId().equals(s))).toList();
            if (!unknown.isEmpty()) {
                throw new UserInputException("PROPOSAL_NOT_FOUND", "方案中没有这些名额：" + String.join("、", unknown) + "。");
            }
            proposals.removeIf(p -> !wanted.contains(p.seatId()));
        }
        List<Claim> accepted = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Proposal proposal : proposals) {
            try {
                accepted.add(claims.claim(proposal.taskId(), proposal.memberId(), ClaimService.Source.MATCHING, actor));
            } catch (UserInputException stale) {
                refused.add(new Refused(proposal.seatId(), stale.code(), "方案已过期：" + stale.getMessage()));
            }
        }
        run.status = "ACCEPTED";
        return new Accepted(view(run), accepted, refused);
    }

    /** Discards a job's proposals (it is stopped first if still solving). */
    public MatchingJob reject(String id) {
        Run run = run(id);
        if ("SOLVING".equals(run.status)) {
            run.solverManager.terminateEarly(id);
        }
        run.status = "DISCARDED";
        return view(run);
    }

    /** What {@link #accept} did: the claims made and the proposals refused as stale. */
    public record Accepted(MatchingJob job, List<Claim> claims, List<Refused> refused) {
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

    private Run run(String id) {
        Run run = id == null ? null : runs.get(id);
        if (run == null) {
            throw new UserInputException("JOB_NOT_FOUND", "找不到该匹配任务（服务重启后匹配任务不保留）。");
        }
        return run;
    }

    private MatchingPlan problem(Scope scope, MatchingWeights weights) {
        List<String> taskIds = scope.tasks().stream().map(t -> t.fact().id()).toList();
        List<Candidate> candidates = loader.candidates(scope.communityIds(), List.of(), taskIds);
        Map<String, Candidate> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        List<Seat> seats = new ArrayList<>();
        for (LoadedTask task : scope.tasks()) {
            int taken = 0;
            for (String memberId : task.claimedBy()) {
                Candidate member = byId.get(memberId);
                if (member != null) { // existing claims are pinned: the solver works around them
                    seats.add(new Seat(task.fact().id() + "#claimed-" + memberId, task.fact(), member, true));
                }
                taken++;
            }
            for (int i = taken; i < task.headcount(); i++) {
                seats.add(new Seat(task.fact().id() + "#" + (i + 1), task.fact(), null, false));
            }
        }
        return new MatchingPlan(candidates, scope.tasks().stream().map(LoadedTask::fact).toList(), seats, weights);
    }

    private static List<Proposal> proposals(MatchingPlan plan, Map<Seat, PlanExplainer.SeatExplanation> explained) {
        List<Proposal> proposals = new ArrayList<>();
        for (Seat seat : plan.getSeats()) {
            if (!seat.isPinned() && seat.getMember() != null) {
                PlanExplainer.SeatExplanation e = explained.get(seat);
                proposals.add(new Proposal(seat.getId(), seat.getTask().id(), seat.getMember().id(),
                        e == null ? List.of() : e.reasons()));
            }
        }
        return proposals;
    }

    private Map<Seat, PlanExplainer.SeatExplanation> explained(Run run, MatchingPlan plan) {
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
        Instant end = run.finishedAt != null ? run.finishedAt : Instant.now();
        return new MatchingJob(run.id, run.scopeId, run.scopeLevel, run.status, run.startedAt, run.finishedAt,
                Duration.between(run.startedAt, end).toMillis(), score == null ? null : score.hardScore(),
                score == null ? null : score.mediumScore(), score == null ? null : score.softScore(), open.size(),
                (int) open.stream().filter(s -> s.getMember() != null).count(),
                // reasons once the plan no longer changes
                proposals(plan, "SOLVING".equals(run.status) ? Map.of() : explained(run, plan)), run.error);
    }
}
