package dev.nexconn.exporter.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Alerting is a sink: of the project it may use only {@code event}, {@code config} and itself. */
class AlertingArchitectureTest {
  private final JavaClasses production =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.nexconn.exporter");

  @Test
  void alertingImportsOnlyEventConfigAndItself() {
    classes()
        .that()
        .resideInAPackage("dev.nexconn.exporter.alerting..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.nexconn.exporter.alerting..",
            "dev.nexconn.exporter.event..",
            "dev.nexconn.exporter.config..",
            "java..",
            "io.vertx..",
            "io.micrometer..",
            "org.slf4j..")
        .check(production);
  }
}
