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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Tests that share the one Spring context (and its in-memory database) act in an agency of their own
 * ({@link TestAgency}), never in the demo agency: a shared-context test class, or a base class it extends,
 * that names a person of the demo agency, one of its ids ({@code finance…}) or the demo agency's driver
 * defaults ({@code CycleDriver.BRANCHES}, {@code new CycleDriver(engine)}) fails here. Classes whose subject is
 * the demo organisation itself are listed, each with its reason.
 */
class TestsOwnTheirDataTest {

  static final Path SOURCES = Path.of("src", "test", "java");

  /** Shared-context classes that may use the demo agency: what they test is the demo organisation. */
  static final Map<String, String> DEMO_BY_DESIGN = Map.of(
      "cn.liutong.organisation.OrganisationImportTest",
      "checks the demo organisation's import and refuses files that reuse its ids; writes nothing to it");

  static final Pattern DEMO_DRIVER = Pattern.compile("CycleDriver\\.(BRANCHES|AGENCY)|new CycleDriver\\(engine\\)");

  @Test
  void sharedContextTestsNameNoneOfTheDemoAgency() throws IOException {
    Pattern demo = demoAgency();
    List<String> offences = new ArrayList<>();
    List<Class<?>> shared = sharedContextClasses();
    for (Class<?> test : shared) {
      if (DEMO_BY_DESIGN.containsKey(test.getName())) {
        continue;
      }
      for (Class<?> c = test; c != null && Files.exists(source(c)); c = c.getSuperclass()) {
        String code = Files.readString(source(c), StandardCharsets.UTF_8);
        demo.matcher(code).results().forEach(m -> offences.add(test.getSimpleName() + ": " + m.group()));
        DEMO_DRIVER.matcher(code).results().forEach(m -> offences.add(test.getSimpleName() + ": " + m.group()));
      }
    }
    assertThat(shared).as("the scan finds the shared-context tests").hasSizeGreaterThan(20);
    assertThat(offences).as("use the class's TestAgency instead").isEmpty();
  }

  @Test
  void theScanSeesTheDemoAgencysPeopleAndIds() {
    Pattern demo = demoAgency();
    assertThat(demo.matcher("rest.get(\"/api/cycles\", \"wangqiang\")").find()).isTrue();
    assertThat(demo.matcher("cycle.signFor(\"financeBudget\")").find()).isTrue();
    assertThat(demo.matcher("cycle.signFor(agency.branch(BUDGET)); // 王强, liweijie").find()).isFalse();
    assertThat(DEMO_DRIVER.matcher("CycleDriver.BRANCHES.forEach(").find()).isTrue();
    assertThat(DEMO_DRIVER.matcher("new CycleDriver(engine, agency)").find()).isFalse();
  }

  /** The demo agency's user ids and any id starting with its agency id, as whole words. */
  static Pattern demoAgency() {
    TestAgency demo = TestAgency.demo();
    return Pattern.compile("\\b(" + String.join("|", demo.users()) + "|" + demo.id() + "\\w*)\\b");
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
