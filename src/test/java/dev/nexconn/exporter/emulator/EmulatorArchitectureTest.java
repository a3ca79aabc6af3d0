package dev.nexconn.exporter.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The emulator's arrows: it imports only itself and the protocol classes of {@code transport}
 * (frames, codec, codes); production code outside the root wiring never imports it.
 */
class EmulatorArchitectureTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.nexconn.exporter");

  @Test
  void emulatorImportsOnlyItselfAndTheSharedProtocolClasses() {
    classes()
        .that()
        .resideInAPackage("dev.nexconn.exporter.emulator..")
        .should()
        .onlyDependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "emulator, or transport's Frame/FrameCodec/FrameCodecException/ProtocolCodes, or"
                    + " outside the project",
                c ->
                    !c.getPackageName().startsWith("dev.nexconn.exporter")
                        || c.getPackageName().startsWith("dev.nexconn.exporter.emulator")
                        || c.getName().startsWith("dev.nexconn.exporter.transport.Frame")
                        || c.getName().equals("dev.nexconn.exporter.transport.ProtocolCodes")))
        .check(PRODUCTION);
  }

  @Test
  void onlyTheRootWiringImportsTheEmulator() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.nexconn.exporter.emulator..")
        .and()
        .resideOutsideOfPackage("dev.nexconn.exporter")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.nexconn.exporter.emulator..")
        .check(PRODUCTION);
  }
}
