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
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The solver, declared by hand (the OptaPlanner Spring Boot starter does not load on Boot 4), with the
 * Bavet constraint streams selected explicitly (no Drools on the classpath).
 */
@Configuration(proxyBeanMethods = false)
class MatchingSolverConfiguration {

    static SolverConfig solverConfig(Duration spentLimit, Duration unimprovedLimit) {
        return solverConfig(spentLimit, unimprovedLimit, false);
    }

    /**
     * {@link FillEmptySeats} builds a first plan (team seats first, so a new emergency is filled before
     * anything else), then local search improves it.
     * A daemon solver does not return when a termination is reached: it waits for problem changes (live jobs).
     */
    static SolverConfig solverConfig(Duration spentLimit, Duration unimprovedLimit, boolean daemon) {
        return new SolverConfig()
                .withSolutionClass(MatchingPlan.class)
                .withEntityClasses(TeamSeat.class, Seat.class)
                .withDaemon(daemon)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(MatchingConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withTerminationConfig(new TerminationConfig()
                        .withSpentLimit(spentLimit)
                        .withUnimprovedSpentLimit(unimprovedLimit))
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
