package org.gridguard.edge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The edge agent's package directions (ARCHITECTURE.md): sources → detect/rules → spool →
 * uplink, the root package composes them, {@code config} and {@code metrics} are leaves of
 * helpers. A change that breaks one fails here instead of quietly growing a cycle.
 */
class ArchitectureTest {
  private static final String EDGE = "org.gridguard.edge";
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(EDGE);

  @Test
  void packages_freeOfCycles() {
    slices().matching(EDGE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void sources_freeOfCyclesBetweenThem() {
    slices().matching(EDGE + ".source.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void rootPackage_composition_nothingDependsOnIt() {
    noClasses().that().resideOutsideOfPackage(EDGE)
        .should().dependOnClassesThat().resideInAPackage(EDGE)
        .because("the root package assembles the agent; components get their slice injected")
        .check(CLASSES);
  }

  @Test
  void sources_onlyProduce() {
    noClasses().that().resideInAPackage(EDGE + ".source..")
        .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".detect..",
            EDGE + ".rules..", EDGE + ".video..", EDGE + ".evidence..", EDGE + ".alarm..",
            EDGE + ".uplink..")
        .because("sources only produce frames and records (sources → detect/rules → spool)")
        .check(CLASSES);
  }

  @Test
  void detectorsAndRules_neverReachUplinkOrAssembly() {
    noClasses().that().resideInAnyPackage(EDGE + ".detect..", EDGE + ".rules..",
            EDGE + ".evidence..", EDGE + ".alarm..", EDGE + ".mapping..")
        .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".uplink..",
            EDGE + ".video..")
        .check(CLASSES);
  }

  @Test
  void detectAndRules_independentOfEachOther() {
    noClasses().that().resideInAPackage(EDGE + ".detect..")
        .should().dependOnClassesThat().resideInAPackage(EDGE + ".rules..").check(CLASSES);
    noClasses().that().resideInAPackage(EDGE + ".rules..")
        .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".detect..",
            EDGE + ".source..").check(CLASSES);
  }

  @Test
  void spool_knowsNoProducerNorUplink() {
    noClasses().that().resideInAPackage(EDGE + ".spool..")
        .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".source..",
            EDGE + ".detect..", EDGE + ".rules..", EDGE + ".video..", EDGE + ".evidence..",
            EDGE + ".alarm..", EDGE + ".mapping..", EDGE + ".uplink..")
        .check(CLASSES);
  }

  @Test
  void uplink_readsOnlyTheSpool() {
    noClasses().that().resideInAPackage(EDGE + ".uplink..")
        .should().dependOnClassesThat().resideInAnyPackage(EDGE + ".source..",
            EDGE + ".detect..", EDGE + ".rules..", EDGE + ".video..", EDGE + ".evidence..",
            EDGE + ".alarm..", EDGE + ".mapping..")
        .check(CLASSES);
  }

  @Test
  void config_isALeaf() {
    noClasses().that().resideInAPackage(EDGE + ".config..")
        .should().dependOnClassesThat(edgeOutside(EDGE + ".config.."))
        .because("config holds the parsing helpers every slice uses").check(CLASSES);
  }

  @Test
  void units_isALeaf() {
    noClasses().that().resideInAPackage(EDGE + ".units..")
        .should().dependOnClassesThat(edgeOutside(EDGE + ".units.."))
        .because("the unit check serves mapping, rules and --check alike").check(CLASSES);
  }

  @Test
  void metrics_dependsOnlyOnConfig() {
    noClasses().that().resideInAPackage(EDGE + ".metrics..")
        .should().dependOnClassesThat(edgeOutside(EDGE + ".metrics..", EDGE + ".config.."))
        .check(CLASSES);
  }

  /** Agent classes outside the given packages. */
  private static DescribedPredicate<JavaClass> edgeOutside(String... packages) {
    return resideInAPackage(EDGE + "..").and(not(resideInAnyPackage(packages)));
  }
}
