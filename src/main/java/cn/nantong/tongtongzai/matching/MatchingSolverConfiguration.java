package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.util.List;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationCompositionStyle;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The solver, declared by hand (the OptaPlanner Spring Boot starter does not load on Boot 4), with the
 * Bavet constraint streams selected explicitly (no Drools on the classpath).
 */
@Configuration(proxyBeanMethods = false)
class MatchingSolverConfiguration {

    /** Within this share of the exact core's bound a plan is good enough to stop once it stops improving. */
    static final double GAP_TOLERANCE = 0.0005;

    static SolverConfig solverConfig(Duration spentLimit, Duration unimprovedLimit) {
        return solverConfig(spentLimit, unimprovedLimit, false, null);
    }

    /**
     * The problem arrives seated by the exact core ({@link PlanSolver#prepare}); {@link FillEmptySeats} fills
     * what is left (team seats first, so a new emergency is filled before anything else), then local search
     * improves the plan under the rules the core cannot see.
     * <p>
     * With the core's {@code bound}, solving stops at it (the plan is then proven optimal), at the time limit,
     * or when the best score has not improved for {@code unimprovedLimit} <em>and</em> is within
     * {@link #GAP_TOLERANCE} of the bound — never on time alone while seats the bound fills are still empty.
     * Without a bound (open team seats, live jobs), on either time limit.
     * A daemon solver does not return when a termination is reached: it waits for problem changes (live jobs).
     */
    static SolverConfig solverConfig(Duration spentLimit, Duration unimprovedLimit, boolean daemon,
            HardMediumSoftLongScore bound) {
        TerminationConfig termination = new TerminationConfig().withSpentLimit(spentLimit);
        if (bound == null) {
            termination.withUnimprovedSpentLimit(unimprovedLimit);
        } else {
            long tolerance = (long) Math.floor(Math.abs(bound.softScore()) * GAP_TOLERANCE);
            HardMediumSoftLongScore nearly = HardMediumSoftLongScore.of(0, bound.mediumScore(), bound.softScore() - tolerance);
            termination.withBestScoreLimit(bound.toString())
                    .withTerminationConfigList(List.of(new TerminationConfig()
                            .withTerminationCompositionStyle(TerminationCompositionStyle.AND)
                            .withUnimprovedSpentLimit(unimprovedLimit)
                            .withBestScoreLimit(nearly.toString())));
        }
        return new SolverConfig()
                .withSolutionClass(MatchingPlan.class)
                .withEntityClasses(TeamSeat.class, Seat.class)
                .withDaemon(daemon)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(MatchingConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withTerminationConfig(termination)
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(FillEmptySeats.class)),
                        new LocalSearchPhaseConfig());
    }

    @Bean
    SolverFactory<MatchingPlan> matchingSolverFactory() {
        return SolverFactory.create(solverConfig(Duration.ofSeconds(30), Duration.ofSeconds(5)));
    }

    @Bean
    SolutionManager<MatchingPlan, HardMediumSoftLongScore> matchingSolutionManager(SolverFactory<MatchingPlan> factory) {
        return SolutionManager.create(factory);
    }
}
