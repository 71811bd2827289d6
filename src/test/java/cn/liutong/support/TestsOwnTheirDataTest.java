package cn.liutong.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Tests that share the one Spring context (and its in-memory database) act in agencies of their own
 * ({@link TestAgency}), never in the demo organisation: a shared-context test class, or a base class it
 * extends, that names a person of the demo organisation, one of its ids ({@code finance…}, {@code tax…}) or the
 * demo agency's driver defaults ({@code CycleDriver.BRANCHES}, {@code new CycleDriver(engine)}) fails here. What
 * a class may still name of the demo organisation is listed, each with its reason.
 */
class TestsOwnTheirDataTest {

  static final Path SOURCES = Path.of("src", "test", "java");

  /** Shared-context classes whose subject is the demo organisation: they read it and write nothing to it. */
  static final Map<String, String> DEMO_BY_DESIGN = Map.of(
      "cn.liutong.organisation.OrganisationImportTest",
      "checks the demo organisation's import and refuses files that reuse its ids");

  /** Words of the demo organisation a shared-context class may name, and why. */
  static final Map<String, Set<String>> ALLOWED = Map.of(
      // the headers of the demo's party group and temporary organisation, and the agencies the administrator sees
      "cn.liutong.webapp.WebappControllerTest", Set.of("heping", "xiaoyan", "tax"),
      // forged form values, refused before anything is read or written
      "cn.liutong.system.ChangePolicyFormTest", Set.of("heping", "tax"));

  static final Pattern DEMO_DRIVER = Pattern.compile("CycleDriver\\.(BRANCHES|AGENCY)|new CycleDriver\\(engine\\)");

  @Test
  void sharedContextTestsNameNoneOfTheDemoAgency() throws IOException {
    Pattern demo = demoOrganisation();
    List<String> offences = new ArrayList<>();
    List<Class<?>> shared = sharedContextClasses();
    for (Class<?> test : shared) {
      if (DEMO_BY_DESIGN.containsKey(test.getName())) {
        continue;
      }
      for (Class<?> c = test; c != null && Files.exists(source(c)); c = c.getSuperclass()) {
        String code = Files.readString(source(c), StandardCharsets.UTF_8);
        Set<String> allowed = ALLOWED.getOrDefault(test.getName(), Set.of());
        demo.matcher(code).results().filter(m -> !allowed.contains(m.group()))
            .forEach(m -> offences.add(test.getSimpleName() + ": " + m.group()));
        DEMO_DRIVER.matcher(code).results().forEach(m -> offences.add(test.getSimpleName() + ": " + m.group()));
      }
    }
    assertThat(shared).as("the scan finds the shared-context tests").hasSizeGreaterThan(20);
    assertThat(offences).as("use the class's TestAgency instead").isEmpty();
  }

  /**
   * A Surefire test with another web environment or other profiles starts a second context, whose engine (also named
   * "default") takes over the REST API: every agency a later test imports is then unknown to the REST API (401).
   */
  @Test
  void everySharedContextTestRunsTheOneContext() throws IOException {
    List<String> others = new ArrayList<>();
    for (Class<?> test : sharedContextClasses()) {
      if (test.getSimpleName().endsWith("IT")) {
        continue;
      }
      SpringBootTest boot = AnnotatedElementUtils.findMergedAnnotation(test, SpringBootTest.class);
      ActiveProfiles profiles = AnnotatedElementUtils.findMergedAnnotation(test, ActiveProfiles.class);
      if (boot.webEnvironment() != SpringBootTest.WebEnvironment.RANDOM_PORT || profiles == null
          || !List.of(profiles.value()).equals(List.of("demo", "test"))) {
        others.add(test.getSimpleName());
      }
    }
    assertThat(others).as("@SpringBootTest(webEnvironment = RANDOM_PORT) with @ActiveProfiles({\"demo\", \"test\"})")
        .isEmpty();
  }

  @Test
  void theScanSeesTheDemoAgencysPeopleAndIds() {
    Pattern demo = demoOrganisation();
    assertThat(demo.matcher("rest.get(\"/api/cycles\", \"wangqiang\")").find()).isTrue();
    assertThat(demo.matcher("cycle.signFor(\"financeBudget\")").find()).isTrue();
    assertThat(demo.matcher("rest.get(path, \"qianfeng\")").find()).isTrue();
    assertThat(demo.matcher("kind(\"taxService\")").find()).isTrue();
    assertThat(demo.matcher("cycle.signFor(agency.branch(BUDGET)); // 王强, liweijie").find()).isFalse();
    assertThat(DEMO_DRIVER.matcher("CycleDriver.BRANCHES.forEach(").find()).isTrue();
    assertThat(DEMO_DRIVER.matcher("new CycleDriver(engine, agency)").find()).isFalse();
  }

  /** The demo organisation's user ids and any id starting with one of its agency ids, as whole words. */
  static Pattern demoOrganisation() {
    List<String> words = new ArrayList<>(DemoOrganisation.agencyIds().stream().map(id -> id + "\\w*").toList());
    DemoOrganisation.rows().forEach(cells -> words.add(cells[5]));
    return Pattern.compile("\\b(" + String.join("|", words) + ")\\b");
  }

  /** Concrete test classes on the default context: {@code @SpringBootTest} without own properties or dirtying. */
  static List<Class<?>> sharedContextClasses() throws IOException {
    List<Class<?>> shared = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = SOURCES.relativize(file).toString().replace(".java", "").replace(file.getFileSystem()
            .getSeparator(), ".");
        Class<?> c = load(name);
        SpringBootTest boot = AnnotatedElementUtils.findMergedAnnotation(c, SpringBootTest.class);
        if (boot != null && !Modifier.isAbstract(c.getModifiers()) && boot.properties().length == 0
            && boot.value().length == 0 && !AnnotatedElementUtils.hasAnnotation(c, DirtiesContext.class)
            && !AnnotatedElementUtils.hasAnnotation(c, TestPropertySource.class)) {
          shared.add(c);
        }
      }
    }
    return shared;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, TestsOwnTheirDataTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path source(Class<?> c) {
    return SOURCES.resolve(c.getName().replace('.', '/') + ".java");
  }
}
