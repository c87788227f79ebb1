package org.gridguard.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The hub's package directions: features (alarm, incident, patrol, console, device, ...) may
 * use the shared packages, the shared packages use no feature, and ingest uses no feature
 * beyond those it feeds today. From the bottom: {@code value} and {@code web}, then
 * {@code security}, then the features; no two packages depend on each other.
 */
class ArchitectureTest {
  private static final String HUB = "org.gridguard.hub";
  /** What every feature may use. {@code record} is the shared uplink record model. */
  private static final String[] SHARED = packages("security", "web", "audit", "grid",
      "schedule", "record", "value");
  /** The bottom layer: shared value types and the web layer. */
  private static final String[] BOTTOM = packages("value", "web");
  /** The feature packages ingest hands records to today (and security for gateway auth). */
  private static final String[] INGEST_USES = packages("ingest", "evidence", "gateway",
      "health", "record", "security", "telemetry");
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(HUB);

  private static String[] packages(String... names) {
    return Arrays.stream(names).map(n -> HUB + "." + n + "..").toArray(String[]::new);
  }

  /** Free of cycles between the hub's top-level packages, without exceptions. */
  @Test
  void slices_freeOfCycles() {
    slices().matching(HUB + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * The bottom of the directions: the shared value types and the web layer (problem details,
   * body limits) use nothing else of the hub, so security and every feature may build on them.
   */
  @Test
  void valuesAndWeb_dependOnNothingOfTheHub() {
    noClasses().that().resideInAnyPackage(BOTTOM)
        .should().dependOnClassesThat(resideInAPackage(HUB + "..")
            .and(not(resideInAnyPackage(BOTTOM))))
        .because("value types and web are the bottom layer; security and the features build "
            + "on them")
        .check(CLASSES);
  }

  /** Security is below the features: it uses only the bottom layer and the audit log. */
  @Test
  void security_dependsOnNoFeature() {
    noClasses().that().resideInAPackage(HUB + ".security..")
        .should().dependOnClassesThat(resideInAPackage(HUB + "..")
            .and(not(resideInAnyPackage(BOTTOM)))
            .and(not(resideInAnyPackage(packages("security", "audit")))))
        .because("features (grid, device, alarm, ...) build on security, not the reverse; a "
            + "feature security needs is an interface in security (GridNodes) the feature "
            + "implements")
        .check(CLASSES);
  }

  @Test
  void sharedPackages_dependOnNoFeature() {
    noClasses().that().resideInAnyPackage(SHARED)
        .should().dependOnClassesThat(resideInAPackage(HUB + "..")
            .and(not(resideInAnyPackage(SHARED))))
        .because("features build on security, web, audit, grid and schedule, not the reverse")
        .check(CLASSES);
  }

  @Test
  void ingest_usesNoFurtherFeature() {
    noClasses().that().resideInAPackage(HUB + ".ingest..")
        .should().dependOnClassesThat(resideInAPackage(HUB + "..")
            .and(not(resideInAnyPackage(INGEST_USES)))
            .and(not(resideInAnyPackage(SHARED))))
        .because("ingest stores what gateways send; alarms, incidents and the console "
            + "build on what it stored, not the other way round")
        .check(CLASSES);
  }
}
