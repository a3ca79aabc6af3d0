package dev.nexconn.exporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the package arrows of DESIGN.md true. */
class ArchitectureTest {
  private static final String ROOT = "dev.nexconn.exporter";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void productionPackagesNeverImportTheEmulator() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".config..",
            ROOT + ".event..",
            ROOT + ".engine..",
            ROOT + ".transport..",
            ROOT + ".token..",
            ROOT + ".ingest..",
            ROOT + ".metrics..",
            ROOT + ".alerting..",
            ROOT + ".http..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".emulator..")
        .check(classes);
  }

  @Test
  void eventAndConfigImportNoOtherProjectPackage() {
    for (String pkg : new String[] {"event", "config"}) {
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + pkg + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(otherThan(pkg))
          .check(classes);
    }
  }

  @Test
  void theEmulatorUsesOnlyItselfAndTheSharedProtocol() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan("emulator", "transport"))
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
  void theTransportKnowsNothingOfTheRest() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan("transport"))
        .check(classes);
  }

  private static String[] otherThan(String... allowed) {
    java.util.List<String> all =
        java.util.List.of(
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
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String p : all) {
      if (!java.util.Arrays.asList(allowed).contains(p)) {
        out.add(ROOT + "." + p + "..");
      }
    }
    out.add(ROOT);
    return out.toArray(String[]::new);
  }
}
