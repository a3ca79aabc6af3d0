package dev.nexconn.exporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The event pipeline's arrows: sources and sinks meet only in {@code event}. */
class PipelineArchitectureTest {
  static final String ROOT = "dev.nexconn.exporter";
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void sinksDoNotImportSources() {
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".metrics..", ROOT + ".alerting..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".engine..", ROOT + ".ingest..", ROOT + ".http..")
        .check(CLASSES);
  }

  @Test
  void ingestDependsOnTheEventModelOnly() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".config..",
            ROOT + ".engine..",
            ROOT + ".metrics..",
            ROOT + ".alerting..",
            ROOT + ".http..",
            ROOT + ".emulator..",
            ROOT + ".token..",
            ROOT + ".transport..")
        .check(CLASSES);
  }

  @Test
  void theEventModelImportsNoOtherProjectPackage() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".event..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(ROOT + ".event..", "java..")
        .check(CLASSES);
  }
}
