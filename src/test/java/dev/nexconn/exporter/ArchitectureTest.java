package dev.nexconn.exporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package arrows of DESIGN.md true: sources and sinks meet only in {@code event}, the
 * emulator stays apart from production code, and the leaf packages import nothing of the project.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.nexconn.exporter";
  private static final List<String> PACKAGES =
      List.of(
          "config",
          "event",
          "engine",
          "transport",
          "token",
          "ingest",
          "metrics",
          "alerting",
          "http",
          "emulator");
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void onlyTheRootWiringImportsTheEmulator() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".emulator..")
        .and()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".emulator..")
        .check(classes);
  }

  @Test
  void theEmulatorImportsOnlyItselfAndTheSharedProtocolClasses() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".emulator..")
        .should()
        .onlyDependOnClassesThat(
            DescribedPredicate.describe(
                "emulator, or transport's Frame/FrameCodec/FrameCodecException/ProtocolCodes, or"
                    + " outside the project",
                ArchitectureTest::emulatorMayUse))
        .check(classes);
  }

  @Test
  void theEventModelImportsNothingButTheJdk() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".event..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(ROOT + ".event..", "java..")
        .check(classes);
  }

  @Test
  void configImportsNoOtherProjectPackage() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan("config"))
        .check(classes);
  }

  @Test
  void theTransportKnowsNothingOfTheRest() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan("transport"))
        .check(classes);
  }

  @Test
  void ingestDependsOnTheEventModelOnly() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan("ingest", "event"))
        .check(classes);
  }

  @Test
  void sinksDoNotImportSources() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".metrics..", ROOT + ".alerting..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".engine..", ROOT + ".ingest..", ROOT + ".transport..", ROOT + ".http..")
        .check(classes);
  }

  @Test
  void alertingImportsOnlyEventConfigAndItself() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".alerting..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".alerting..",
            ROOT + ".event..",
            ROOT + ".config..",
            "java..",
            "io.vertx..",
            "io.micrometer..",
            "org.slf4j..")
        .check(classes);
  }

  private static boolean emulatorMayUse(JavaClass c) {
    String pkg = c.getPackageName();
    return !pkg.startsWith(ROOT)
        || pkg.startsWith(ROOT + ".emulator")
        || c.getName().startsWith(ROOT + ".transport.Frame")
        || c.getName().equals(ROOT + ".transport.ProtocolCodes");
  }

  /** The project's packages other than {@code allowed}, the root package included. */
  private static String[] otherThan(String... allowed) {
    List<String> out = new ArrayList<>();
    for (String p : PACKAGES) {
      if (!List.of(allowed).contains(p)) {
        out.add(ROOT + "." + p + "..");
      }
    }
    out.add(ROOT);
    return out.toArray(String[]::new);
  }
}
