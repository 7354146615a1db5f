package cn.nantong.tongtongzai.matching;

import java.time.Duration;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
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
        return new SolverConfig()
                .withSolutionClass(MatchingPlan.class)
                .withEntityClasses(Seat.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withConstraintProviderClass(MatchingConstraints.class)
                        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
                .withTerminationConfig(new TerminationConfig()
                        .withSpentLimit(spentLimit)
                        .withUnimprovedSpentLimit(unimprovedLimit));
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
