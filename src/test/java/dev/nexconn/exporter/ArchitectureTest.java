package dev.nexconn.exporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the package arrows of DESIGN.md true: sources and sinks meet only in {@code event}, the
 * emulator stays apart from production code, {@code event} imports nothing of the project, and
 * every capability imports only the leaves it needs ({@code config} included: each builds its own
 * runtime from its own config record). The root package (commands, {@code ExporterApp}, the demo)
 * may import everything.
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
          "api",
          "logging",
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
  void theEmulatorImportsOnlyItselfAndTheSharedFrameClasses() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".emulator..")
        .should()
        .onlyDependOnClassesThat(
            DescribedPredicate.describe(
                "emulator, transport's Frame/FrameCodec/FrameCodecException, config's"
                    + " DurationText (one duration grammar), api's ListenerGuard/ListenerLimits"
                    + " (one set of listener limits), or outside the project (its SDK codes"
                    + " are its own copy, EmulatorCodes)",
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

  /** One rule per capability: which project packages it may import besides itself. */
  @ParameterizedTest(name = "{0} imports only {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "config    | event",
        "transport | config",
        "token     | config",
        "engine    | config, event, token, transport",
        "api       | api",
        "logging   | logging",
        "ingest    | api, config, event",
        "metrics   | config, event",
        "alerting  | api, config, event",
        "http      | api, config, event"
      })
  void eachCapabilityImportsOnlyTheLeavesItNeeds(String pkg, String allowed) {
    List<String> may = new ArrayList<>(List.of(allowed.split(",\\s*")));
    may.add(pkg);
    noClasses()
        .that()
        .resideInAPackage(ROOT + "." + pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherThan(may.toArray(String[]::new)))
        .check(classes);
  }

  /** A new package fails here until it is added to PACKAGES and given a rule above. */
  @Test
  void everyPackageHasARule() {
    assertThat(classes.stream())
        .extracting(JavaClass::getPackageName)
        .filteredOn(p -> p.startsWith(ROOT + "."))
        .allMatch(p -> PACKAGES.contains(p.substring(ROOT.length() + 1).split("\\.")[0]));
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
            ROOT + ".api..",
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
        || c.getName().equals(ROOT + ".config.DurationText")
        || c.getName().startsWith(ROOT + ".api.Listener");
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
