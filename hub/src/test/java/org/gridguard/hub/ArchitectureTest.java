package org.gridguard.hub;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The hub's package directions: features (alarm, incident, patrol, console, device, ...) may
 * use the shared packages, the shared packages use no feature, and ingest uses no feature
 * beyond those it feeds today. The cycles that existed when this test was written are listed
 * edge by edge in {@link #slices_freeOfCyclesButTheKnownOnes()}; any other cycle fails.
 */
class ArchitectureTest {
  private static final String HUB = "org.gridguard.hub";
  /** What every feature may use. {@code record} is the shared uplink record model. */
  private static final String[] SHARED = packages("security", "web", "audit", "grid",
      "schedule", "record");
  /** The feature packages ingest hands records to today (and security for gateway auth). */
  private static final String[] INGEST_USES = packages("ingest", "evidence", "gateway",
      "health", "record", "security", "telemetry");
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(HUB);

  private static DescribedPredicate<JavaClass> in(String feature) {
    return resideInAPackage(HUB + "." + feature + "..");
  }

  private static String[] packages(String... names) {
    return Arrays.stream(names).map(n -> HUB + "." + n + "..").toArray(String[]::new);
  }

  /**
   * Free of cycles, except the edges of the cycles that existed when this test was written,
   * each named here (they cannot be removed cheaply: {@code security} is owned elsewhere).
   * A new edge closing any cycle fails.
   */
  @Test
  void slices_freeOfCyclesButTheKnownOnes() {
    slices().matching(HUB + ".(*)..").should().beFreeOfCycles()
        // security ↔ grid: GridScope is made of GridCode, UserController checks grid codes
        .ignoreDependency(in("security"), in("grid"))
        // security ↔ web: the security filters answer with web's problem details
        .ignoreDependency(in("security"), in("web"))
        // ingest ↔ health: health reads IngestProperties (ingest uses health's DirectMemory)
        .ignoreDependency(in("health"), in("ingest"))
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
