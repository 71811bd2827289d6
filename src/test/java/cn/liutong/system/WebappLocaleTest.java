package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards our Simplified Chinese translations of the Camunda webapps against drifting away from the
 * English originals shipped in the Camunda webjar (e.g. after a Camunda upgrade adds keys).
 * Plain JUnit, no Spring context: everything is read from the classpath.
 */
class WebappLocaleTest {

  private static final String APP_DIR = "META-INF/resources/webjars/camunda/app/";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

  private static final Pattern ZH_AVAILABLE =
      Pattern.compile("availableLocales\\s*:\\s*\\[[^\\]]*['\"]zh['\"]");

  /**
   * The English bare plural suffix "s" that Cockpit appends to "instance". Chinese has no plural
   * form, so these values are deliberately empty.
   */
  private static final Set<String> INTENTIONALLY_EMPTY =
      Set.of(
          "labels.PLGN_BATCH_S",
          "labels.PLGN_MIG_S",
          "labels.PLGN_MOD_DIALOG_S",
          "labels.PLGN_MOD_RESTART_DIALOG_S");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<String> apps() {
    return Stream.of("tasklist", "cockpit", "admin", "welcome");
  }

  @ParameterizedTest
  @MethodSource("apps")
  void chineseHasExactlyTheEnglishKeys(String app) throws IOException {
    Set<String> en = english(app).keySet();
    Set<String> zh = chinese(app).keySet();

    Set<String> missing = new TreeSet<>(en);
    missing.removeAll(zh);
    Set<String> extra = new TreeSet<>(zh);
    extra.removeAll(en);

    // Missing keys would show up as raw keys in the UI; extra keys are dead translations.
    // Soft assertions so that one failure lists both kinds.
    assertSoftly(
        softly -> {
          softly.assertThat(missing).as("keys of %s en.json missing in zh.json", app).isEmpty();
          softly.assertThat(extra).as("keys in %s zh.json that en.json lacks", app).isEmpty();
        });
  }

  @ParameterizedTest
  @MethodSource("apps")
  void chineseValuesAreNotBlank(String app) throws IOException {
    List<String> blank =
        chinese(app).entrySet().stream()
            .filter(e -> !INTENTIONALLY_EMPTY.contains(e.getKey()))
            .filter(e -> e.getValue().isTextual() && e.getValue().asText().isBlank())
            .map(Map.Entry::getKey)
            .toList();

    assertThat(blank).as("blank values in %s zh.json", app).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("apps")
  void chineseKeepsTheEnglishPlaceholders(String app) throws IOException {
    Map<String, JsonNode> en = english(app);
    Map<String, JsonNode> zh = chinese(app);

    // A renamed or dropped {{ placeholder }} silently renders as empty text in AngularJS.
    Map<String, String> mismatches = new TreeMap<>();
    en.forEach(
        (key, enValue) -> {
          JsonNode zhValue = zh.get(key);
          if (enValue.isTextual() && zhValue != null) {
            Set<String> expected = placeholders(enValue.asText());
            Set<String> actual = placeholders(zhValue.asText());
            if (!expected.equals(actual)) {
              mismatches.put(key, "expected " + expected + " but was " + actual);
            }
          }
        });

    assertThat(mismatches).as("placeholder mismatches in %s zh.json", app).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("apps")
  void configOffersChinese(String app) throws IOException {
    String config = new String(read(ourConfigJs(app)), StandardCharsets.UTF_8);

    assertThat(ZH_AVAILABLE.matcher(config).find())
        .as("%s scripts/config.js lists 'zh' in locales.availableLocales", app)
        .isTrue();
  }

  private static Map<String, JsonNode> english(String app) throws IOException {
    return flatten(resource(APP_DIR + app + "/locales/en.json"));
  }

  private static Map<String, JsonNode> chinese(String app) throws IOException {
    return flatten(resource(APP_DIR + app + "/locales/zh.json"));
  }

  /** en.json exists only in the webjar and zh.json only in our resources, so the path is unique. */
  private static URL resource(String path) {
    URL url = WebappLocaleTest.class.getClassLoader().getResource(path);
    assertThat(url).as("classpath resource %s", path).isNotNull();
    return url;
  }

  /**
   * config.js exists both in the webjar and in our resources; ours is the one not packed in a jar
   * (target/classes), which is also the copy the application serves because it comes first.
   */
  private static URL ourConfigJs(String app) throws IOException {
    List<URL> ours =
        Collections.list(
                WebappLocaleTest.class
                    .getClassLoader()
                    .getResources(APP_DIR + app + "/scripts/config.js"))
            .stream()
            .filter(url -> !"jar".equals(url.getProtocol()))
            .toList();
    assertThat(ours).as("our own %s scripts/config.js on the classpath", app).hasSize(1);
    return ours.get(0);
  }

  /** Dotted key paths, e.g. "labels.CLAIM_TASK"; arrays (month names etc.) stay single values. */
  private static Map<String, JsonNode> flatten(URL url) throws IOException {
    // Jackson skips the UTF-8 byte order mark the Camunda en.json files start with.
    JsonNode root = MAPPER.readTree(read(url));
    Map<String, JsonNode> result = new TreeMap<>();
    flatten("", root, result);
    return result;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> result) {
    if (node.isObject()) {
      node.properties()
          .forEach(field -> flatten(prefix + field.getKey() + ".", field.getValue(), result));
    } else {
      result.put(prefix.substring(0, prefix.length() - 1), node);
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static byte[] read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }
}
