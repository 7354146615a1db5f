package cn.nantong.tongtongzai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Feature packages talk through public services; the platform knows no feature; no cycles. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.nantong.tongtongzai");

    @Test
    void featuresDoNotFormCycles() {
        slices().matching("cn.nantong.tongtongzai.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void thePlatformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("..platform..")
                .should().dependOnClassesThat().resideInAnyPackage(features("organization", "member", "dataset",
                        "task", "request", "evaluation", "matching", "knowledge", "live", "notification"))
                .check(CLASSES);
    }

    /** The project's own feature packages ("..request.." would also match Spring's web.context.request). */
    private static String[] features(String... names) {
        return java.util.Arrays.stream(names).map(name -> "cn.nantong.tongtongzai." + name + "..").toArray(String[]::new);
    }

    /** The in-process driver reaches into Neo4j's internals (its README): only the code that picks the driver uses it. */
    @Test
    void onlyTheDatabaseSetUpKnowsTheInProcessDriver() {
        noClasses().that().resideOutsideOfPackages("..platform.neo4j", "..platform.neo4j.inprocess..")
                .should().dependOnClassesThat().resideInAPackage("..platform.neo4j.inprocess..")
                .check(CLASSES);
    }

    @Test
    void theOrganisationDoesNotKnowMembers() {
        noClasses().that().resideInAPackage("..organization..")
                .should().dependOnClassesThat().resideInAnyPackage("..member..", "..dataset..")
                .check(CLASSES);
    }

    @Test
    void theFourOrdersBuildOnEachOtherInOneDirection() {
        // 点单 → 下单/接单 → 评单: tasks know nothing of requests or ratings; requests nothing of ratings
        noClasses().that().resideInAPackage("..task..")
                .should().dependOnClassesThat().resideInAnyPackage("..request..", "..evaluation..", "..dataset..", "..matching..",
                        "..knowledge..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..request..")
                .should().dependOnClassesThat().resideInAnyPackage("..evaluation..", "..dataset..", "..knowledge..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..member..")
                .should().dependOnClassesThat().resideInAnyPackage("..task..", "..request..", "..evaluation..", "..knowledge..")
                .check(CLASSES);
    }
}
