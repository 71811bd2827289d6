package cn.liutong.feedback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;

import cn.liutong.system.CleanText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the public may send, read strictly: at most 8 KB, valid UTF-8, one JSON object with the expected
 * fields only (no duplicates). Texts are counted in characters (code points) after trimming and may hold
 * letters, marks, digits, punctuation, symbols and spaces, line breaks where several lines make sense.
 * Control, format (invisible, bidi) and private-use characters, unpaired surrogates and the angle
 * brackets {@code < >} are refused: submitted text goes on to Tasklist, Cockpit and reports, and refusing
 * markup at the door is simpler than proving every one of them escapes it (Chinese writes titles in
 * 《》, which pass). Every problem is collected, in Chinese, as {@link cn.liutong.system.FormCheck} does
 * for the forms.
 */
final class PublicForm {

  static final int MAX_BYTES = 8 * 1024;

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<Integer> REFUSED_TYPES = Set.of((int) Character.CONTROL, (int) Character.FORMAT,
      (int) Character.PRIVATE_USE, (int) Character.SURROGATE, (int) Character.UNASSIGNED,
      (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);

  private final JsonNode body;
  private final List<String> problems = new ArrayList<>();

  private PublicForm(JsonNode body) {
    this.body = body;
  }

  static PublicForm read(HttpServletRequest request, List<String> fields) {
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw PublicRequestException.badRequest("无法读取提交的内容");
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    JsonNode body;
    try {
      body = STRICT.readTree(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw PublicRequestException.badRequest("提交的内容不是有效的UTF-8编码");
    } catch (JsonProcessingException e) {
      throw PublicRequestException.badRequest("提交的内容不是有效的JSON");
    }
    if (body == null || !body.isObject()) {
      throw PublicRequestException.badRequest("提交的内容应为一个JSON对象");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!fields.contains(name)) {
        throw PublicRequestException.badRequest("提交的内容含有不支持的字段，只接受：" + String.join("、", fields));
      }
    });
    return new PublicForm(body);
  }

  /** A required text of {@code min}..{@code max} characters. */
  String text(String field, String label, int min, int max, boolean multiline) {
    int before = problems.size();
    String value = optionalText(field, label, Integer.MAX_VALUE, multiline);
    int length = value == null ? 0 : CleanText.length(value);
    if (problems.size() > before) {
      return null;
    }
    if (length == 0) {
      problems.add(label + "不能为空");
    } else if (length < min || length > max) {
      problems.add(label + "应为" + min + "至" + max + "个字，当前" + length + "个字");
    }
    return value;
  }

  /** An optional text of at most {@code max} characters; null when absent or blank. */
  String optionalText(String field, String label, int max, boolean multiline) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(label + "应为文字");
      return null;
    }
    String problem = characterProblem(node.textValue(), multiline);
    if (problem != null) {
      problems.add(label + problem);
      return null;
    }
    String value = node.textValue().strip();
    if (CleanText.length(value) > max) {
      problems.add(label + "不能超过" + max + "个字");
    }
    return value.isEmpty() ? null : value;
  }

  /** A required whole number in [min, max]. */
  Integer wholeNumber(String field, String label, int min, int max) {
    JsonNode node = body.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()
        || node.intValue() < min || node.intValue() > max) {
      problems.add(label + "应为" + min + "至" + max + "的整数");
      return null;
    }
    return node.intValue();
  }

  void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  /** Throws when anything was wrong, before anything is stored. */
  void validate() {
    if (!problems.isEmpty()) {
      throw PublicRequestException.badRequest("提交的内容有误：" + String.join("；", problems));
    }
  }

  private static String characterProblem(String value, boolean multiline) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) == Character.SURROGATE) {
        return "含有无效的字符编码";
      }
      if (c == '<' || c == '>') {
        return "不能包含尖括号（<、>）";
      }
      if (REFUSED_TYPES.contains(Character.getType(c)) && !(multiline && (c == '\n' || c == '\r'))) {
        return multiline ? "含有控制字符或不可见字符（换行除外）" : "含有控制字符或不可见字符（不能换行）";
      }
    }
    return null;
  }

  private static PublicRequestException tooLarge() {
    return new PublicRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "提交的内容过长，不能超过" + MAX_BYTES / 1024 + "KB", 0);
  }
}
