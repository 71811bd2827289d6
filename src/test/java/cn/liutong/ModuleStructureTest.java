package cn.liutong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Each direct sub-package of {@code cn.liutong} is a module (Spring Modulith): a module uses only the
 * types in the root package of another module (its API), never the types of another module's
 * sub-packages, and no modules depend on each other in a cycle. Each capability keeps its own tables
 * ({@code cycle}, {@code assessment}, {@code rectification}, {@code feedback}, ...); the read API
 * ({@code ledger}) depends on them, never the other way round. A change that breaks this fails here,
 * without a Spring context.
 */
class ModuleStructureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(LiutongApplication.class);

  static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("cn.liutong");

  @Test
  void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  void noCapabilityDependsOnTheReadApi() {
    noClasses().that().resideOutsideOfPackage("cn.liutong.ledger..")
        .should().dependOnClassesThat().resideInAPackage("cn.liutong.ledger..")
        .because("the ledger API reads the capabilities' ledgers; they keep their own tables")
        .check(MAIN);
  }

  /** "Today" is the day in liutong.time-zone on every server: the engine's time through EngineClock. */
  @Test
  void noCodeReadsTheJvmZoneOrTheWallClock() {
    noClasses().should().callMethod(ZoneId.class, "systemDefault")
        .orShould().callMethod(TimeZone.class, "getDefault")
        .orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .because("dates are taken in liutong.time-zone from the engine's clock: EngineClock")
        .check(MAIN);
  }
}
