package cn.liutong.organisation;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text (RFC 4180, as Excel and WPS write it), each with the line it starts on, so
 * that every problem can name its line. A quoted field may hold commas, line breaks and doubled quotes.
 * Small on purpose: a library would hide the line numbers and speak English about bad quoting.
 */
final class CsvRecords {

  record CsvRecord(int line, List<String> fields) {

    boolean isBlank() {
      return fields.stream().allMatch(String::isBlank);
    }
  }

  private final String text;
  private final List<ImportProblem> problems;
  private int position;
  private int line = 1;

  private CsvRecords(String text, List<ImportProblem> problems) {
    this.text = text;
    this.problems = problems;
  }

  /** Quoting errors go to {@code problems}; the record they are on is left out. */
  static List<CsvRecord> parse(String text, List<ImportProblem> problems) {
    return new CsvRecords(text, problems).records();
  }

  private List<CsvRecord> records() {
    var records = new ArrayList<CsvRecord>();
    while (position < text.length()) {
      int start = line;
      try {
        records.add(new CsvRecord(start, record()));
      } catch (QuotingError e) {
        problems.add(new ImportProblem(start, e.getMessage()));
        if (e.unclosed) {
          break;
        }
        skipRestOfLine();
      }
    }
    return records;
  }

  /** Reads fields up to and including the line break that ends the record. */
  private List<String> record() {
    var fields = new ArrayList<String>();
    while (true) {
      fields.add(peek() == '"' ? quoted() : unquoted());
      if (position >= text.length()) {
        return fields;
      }
      char next = text.charAt(position++);
      if (next != ',') {
        lineBreak(next);
        return fields;
      }
    }
  }

  private String quoted() {
    var field = new StringBuilder();
    position++;
    while (true) {
      if (position >= text.length()) {
        throw new QuotingError("引号未闭合：以引号开始的字段须以引号结束", true);
      }
      char c = text.charAt(position++);
      if (c == '"' && peek() == '"') {
        field.append('"');
        position++;
      } else if (c == '"') {
        if (position < text.length() && ",\r\n".indexOf(peek()) < 0) {
          throw new QuotingError("引号后只能是逗号或换行（字段中的引号须写成两个引号）", false);
        }
        return field.toString();
      } else {
        if (c == '\n' || c == '\r' && peek() != '\n') {
          line++;
        }
        field.append(c);
      }
    }
  }

  private String unquoted() {
    int start = position;
    while (position < text.length() && ",\r\n".indexOf(text.charAt(position)) < 0) {
      position++;
    }
    return text.substring(start, position);
  }

  /** After a record: "\n", "\r\n" or a lone "\r" end one line. */
  private void lineBreak(char c) {
    if (c == '\r' && peek() == '\n') {
      position++;
    }
    line++;
  }

  private void skipRestOfLine() {
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == '\n' || c == '\r') {
        lineBreak(c);
        return;
      }
    }
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : 0;
  }

  private static final class QuotingError extends RuntimeException {
    final boolean unclosed;

    QuotingError(String message, boolean unclosed) {
      super(message, null, false, false);
      this.unclosed = unclosed;
    }
  }
}
