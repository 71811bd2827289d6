package cn.liutong.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fills a Camunda Form in the browser the way a person does, driven by the form's own schema (the
 * files under {@code forms/}): every editable field that is shown gets the value the scenario gives for
 * its key, or else a valid value made from the field's type and {@code validate} rules. A field hidden
 * by a condition is left alone; it appears when the field it depends on is filled (fields are filled in
 * schema order). A new or changed form is therefore covered without new test code.
 */
final class FormFiller {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path FORMS = Path.of("forms");
  private static final List<String> NO_INPUT = List.of("text", "html", "table", "spacer", "separator", "image",
      "iframe", "expression", "button");
  private static final String SENTENCE = "结合本单位实际认真研究部署，按时完成并形成书面记录备查。";

  private static final Map<String, JsonNode> SCHEMAS = loadSchemas();

  private final Browser browser;

  FormFiller(Browser browser) {
    this.browser = browser;
  }

  static JsonNode schema(String formId) {
    JsonNode schema = SCHEMAS.get(formId);
    if (schema == null) {
      throw new AssertionError("no form " + formId + " under " + FORMS.toAbsolutePath());
    }
    return schema;
  }

  /**
   * Fills the form shown in {@code root}. {@code answers} maps a field key to its value: text, a number,
   * a boolean, an option value (select, radio), a {@link LocalDate}, or for a list a list of maps.
   * {@code options} gives the {label, value} pairs of selects whose options come from a variable.
   */
  void fill(By form, String formId, Map<String, Object> answers, Map<String, List<Map<String, String>>> options) {
    fillComponents(form, schema(formId).path("components"), answers, options, null);
  }

  private void fillComponents(By root, JsonNode components, Map<String, Object> answers,
      Map<String, List<Map<String, String>>> options, Integer index) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (NO_INPUT.contains(type) || component.path("readonly").asBoolean(false)
          || component.path("disabled").asBoolean(false)) {
        continue;
      }
      if ("group".equals(type)) {
        fillComponents(root, component.path("components"), answers, options, index);
        continue;
      }
      if ("dynamiclist".equals(type)) {
        fillList(root, component, answers, options);
        continue;
      }
      String key = component.path("key").asText();
      String domId = component.path("id").asText() + (index == null ? "" : "_" + index);
      Object answer = answers.get(key);
      boolean required = component.path("validate").path("required").asBoolean(false);
      if (answer == null && !required) {
        continue;
      }
      if (!shown(root, domId, type)) {
        continue;
      }
      Object value = answer != null ? answer : defaultValue(component, options);
      for (int attempt = 1;; attempt++) {
        try {
          fillField(root, component, domId, value);
          break;
        } catch (StaleElementReferenceException e) {
          // form-js re-renders a field while the previous one settles: find it again
          if (attempt == 3) {
            throw e;
          }
        }
      }
    }
  }

  private void fillList(By root, JsonNode list, Map<String, Object> answers,
      Map<String, List<Map<String, String>>> options) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) answers.get(list.path("path").asText());
    if (rows == null && !list.path("allowAddRemove").asBoolean(true)) {
      return; // a list of given rows (one per item) the scenario leaves as the form shows it
    }
    if (rows == null) {
      rows = List.of(); // an optional list the scenario leaves empty: every row removed
    }
    By container = new ByChained(root, By.cssSelector("[aria-labelledby$='-" + list.path("id").asText() + "']"));
    String firstChild = list.path("components").get(0).path("id").asText();
    while (rowCount(container, firstChild) > rows.size()) {
      List<WebElement> remove = browser.all(new ByChained(container, By.cssSelector(".fjs-repeat-row-remove")));
      browser.click(remove.get(remove.size() - 1));
    }
    while (rowCount(container, firstChild) < rows.size()) {
      browser.click(browser.driver().findElement(new ByChained(container, By.cssSelector(".fjs-repeat-render-add"))));
    }
    for (int i = 0; i < rows.size(); i++) {
      fillComponents(container, list.path("components"), rows.get(i), options, i);
    }
  }

  private int rowCount(By container, String firstChildId) {
    return browser.all(new ByChained(container, By.cssSelector("[id*='-" + firstChildId + "_']"))).stream()
        .filter(e -> e.getAttribute("id").matches(".*-" + firstChildId + "_\\d+(-display)?$"))
        .map(e -> e.getAttribute("id").replace("-display", "")).distinct().toList().size();
  }

  private boolean shown(By root, String domId, String type) {
    By by = "radio".equals(type) || "checklist".equals(type)
        ? By.cssSelector("[id*='-" + domId + "-']")
        : By.cssSelector("[id$='-" + domId + ("datetime".equals(type) ? "-date" : "") + "']");
    return !browser.all(new ByChained(root, by)).isEmpty();
  }

  private void fillField(By form, JsonNode component, String domId, Object value) {
    WebElement root = browser.driver().findElement(form);
    String type = component.path("type").asText();
    switch (type) {
      case "textfield", "textarea", "number" -> type(input(root, domId), text(value));
      case "checkbox" -> {
        WebElement box = input(root, domId);
        if (box.isSelected() != Boolean.TRUE.equals(value)) {
          browser.click(box);
        }
      }
      case "radio" -> {
        browser.click(option(root, domId, label(component, value)));
      }
      case "select" -> {
        String label = label(component, value);
        browser.click(component.path("searchable").asBoolean(false) ? input(root, domId)
            : root.findElement(By.cssSelector("[id$='-" + domId + "-display']")));
        WebElement item = new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> root
            .findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
            .filter(e -> e.getText().trim().equals(label)).findFirst().orElse(null));
        browser.click(item);
      }
      case "checklist" -> {
        // the options a person sees (from the form or a variable), ticked by their labels
        for (Object wanted : (List<?>) value) {
          WebElement option = option(root, domId, label(component, wanted));
          if (!option.isSelected()) {
            browser.click(option);
          }
        }
      }
      case "datetime" -> pickDate(input(root, domId + "-date"), value instanceof LocalDate d ? d : LocalDate.parse(value.toString()));
      default -> throw new AssertionError("the walker cannot fill a " + type + " yet (" + domId + ")");
    }
  }

  /**
   * Picks the date in the field's calendar (flatpickr, as form-js renders it) through the calendar's own
   * API, which is what clicking a day does: it sets the date and fires the change form-js listens to.
   * Typing is locale-dependent (the pattern follows the browser's Intl locale), a click on a day is not
   * reachable for other months without the same API.
   */
  private void pickDate(WebElement input, LocalDate date) {
    browser.click(input);
    Object picked = ((JavascriptExecutor) browser.driver()).executeScript(
        "const fp = arguments[0]._flatpickr; if (!fp) { return false; }"
            + "fp.setDate(new Date(arguments[1], arguments[2] - 1, arguments[3]), true); fp.close(); return true;",
        input, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    if (!Boolean.TRUE.equals(picked)) {
      throw new AssertionError("the date field has no calendar: " + input.getAttribute("id"));
    }
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d
        .findElements(By.cssSelector(".flatpickr-calendar.open")).stream().noneMatch(WebElement::isDisplayed));
    if (input.getAttribute("value").isBlank()) {
      throw new AssertionError("the date " + date + " did not take in " + input.getAttribute("id"));
    }
  }

  /** The radio or checklist input whose label reads {@code label}. */
  private static WebElement option(WebElement root, String domId, String label) {
    return root.findElements(By.cssSelector("[id*='-" + domId + "-']")).stream()
        .filter(e -> "input".equals(e.getTagName()))
        .filter(e -> label.equals(root.findElement(By.cssSelector("label[for='" + e.getAttribute("id") + "']"))
            .getText().trim()))
        .findFirst().orElseThrow(() -> new AssertionError("no option " + label + " in " + domId));
  }

  private WebElement input(WebElement root, String domId) {
    return root.findElement(By.cssSelector("[id$='-" + domId + "']"));
  }

  private void type(WebElement input, String text) {
    for (int attempt = 1;; attempt++) {
      browser.click(input);
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      input.sendKeys(text);
      // leave the field as a click elsewhere would (a TAB would open the next field's calendar)
      ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].blur();", input);
      try {
        // form-js re-renders number fields as they change: a keystroke can be lost, so look again
        new WebDriverWait(browser.driver(), Duration.ofSeconds(2)).until(d -> text.equals(input.getAttribute("value")));
        return;
      } catch (TimeoutException e) {
        if (attempt == 3) {
          throw new AssertionError("typed \"" + text + "\" but the field shows \"" + input.getAttribute("value") + "\"", e);
        }
      }
    }
  }

  /** The label a person clicks for an option value: the form's own options, or the variable's. */
  private static String label(JsonNode component, Object value) {
    String wanted = value.toString();
    for (JsonNode option : component.path("values")) {
      if (option.path("value").asText().equals(wanted)) {
        return option.path("label").asText();
      }
    }
    return wanted; // options from a variable: the scenario names the label a person sees
  }

  private static Object defaultValue(JsonNode component, Map<String, List<Map<String, String>>> options) {
    JsonNode validate = component.path("validate");
    return switch (component.path("type").asText()) {
      case "number" -> validate.has("min") && validate.has("max")
          ? (validate.path("min").asLong() + validate.path("max").asLong()) / 2
          : validate.has("min") ? validate.path("min").asLong() : 1;
      case "checkbox" -> Boolean.TRUE;
      case "radio", "select" -> component.has("values") ? component.path("values").get(0).path("value").asText()
          : options.getOrDefault(component.path("valuesKey").asText(), List.of(Map.of("label", "", "value", "")))
              .get(0).get("label");
      case "datetime" -> LocalDate.now();
      default -> text(validate.path("minLength").asInt(0), validate.path("maxLength").asInt(Integer.MAX_VALUE));
    };
  }

  private static String text(int min, int max) {
    StringBuilder text = new StringBuilder(SENTENCE);
    while (text.length() < min) {
      text.append(SENTENCE);
    }
    return text.length() > max ? text.substring(0, Math.max(min, Math.min(max, SENTENCE.length()))) : text.toString();
  }

  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    return value.toString();
  }

  private static Map<String, JsonNode> loadSchemas() {
    Map<String, JsonNode> schemas = new HashMap<>();
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode schema = MAPPER.readTree(file.toFile());
        schemas.put(schema.path("id").asText(), schema);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return schemas;
  }
}
