package cn.liutong.organisation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records of a CSV file in UTF-8 (RFC 4180, as Excel and WPS write it), each with the line it starts on,
 * so that every problem can name its line. A quoted field may hold commas, line breaks and doubled quotes.
 * The bytes are decoded and parsed as they arrive: only the records are handed on, never the whole text.
 * Small on purpose: a library would hide the line numbers and speak English about bad quoting.
 */
final class CsvRecords {

  record CsvRecord(int line, List<String> fields) {

    boolean isBlank() {
      return fields.stream().allMatch(String::isBlank);
    }
  }

  /** The bytes are not UTF-8; {@code line} is the line the first wrong byte is on. */
  static final class NotUtf8Exception extends RuntimeException {
    final int line;

    NotUtf8Exception(int line) {
      super("not UTF-8 at line " + line, null, false, false);
      this.line = line;
    }
  }

  private static final int END = -1;
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Utf8Chars text;
  private final List<ImportProblem> problems;
  private int line = 1;

  private CsvRecords(InputStream csv, List<ImportProblem> problems) {
    this.text = new Utf8Chars(csv);
    this.problems = problems;
  }

  /**
   * Hands each record to {@code records} as soon as it is read. Quoting errors go to {@code problems}; the
   * record they are on is left out. Exceptions of the stream (such as a size limit) pass through.
   *
   * @throws NotUtf8Exception at the first byte that is not UTF-8
   */
  static void parse(InputStream csv, List<ImportProblem> problems, Consumer<CsvRecord> records) {
    new CsvRecords(csv, problems).records(records);
  }

  private void records(Consumer<CsvRecord> records) {
    try {
      if (text.peek() == BYTE_ORDER_MARK) {
        text.next();
      }
      while (text.peek() != END) {
        int start = line;
        try {
          records.accept(new CsvRecord(start, record()));
        } catch (QuotingError e) {
          problems.add(new ImportProblem(start, e.getMessage()));
          if (e.unclosed) {
            break;
          }
          skipRestOfLine();
        }
      }
    } catch (Utf8Chars.Malformed e) {
      throw new NotUtf8Exception(line);
    }
  }

  /** Reads fields up to and including the line break that ends the record. */
  private List<String> record() {
    var fields = new ArrayList<String>();
    while (true) {
      fields.add(text.peek() == '"' ? quoted() : unquoted());
      int next = text.next();
      if (next == END) {
        return fields;
      }
      if (next != ',') {
        lineBreak(next);
        return fields;
      }
    }
  }

  private String quoted() {
    var field = new StringBuilder();
    text.next();
    while (true) {
      int c = text.next();
      if (c == END) {
        throw new QuotingError("引号未闭合：以引号开始的字段须以引号结束", true);
      }
      if (c == '"' && text.peek() == '"') {
        field.append('"');
        text.next();
      } else if (c == '"') {
        if (text.peek() != END && ",\r\n".indexOf(text.peek()) < 0) {
          throw new QuotingError("引号后只能是逗号或换行（字段中的引号须写成两个引号）", false);
        }
        return field.toString();
      } else {
        if (c == '\n' || c == '\r' && text.peek() != '\n') {
          line++;
        }
        field.append((char) c);
      }
    }
  }

  private String unquoted() {
    var field = new StringBuilder();
    while (text.peek() != END && ",\r\n".indexOf(text.peek()) < 0) {
      field.append((char) text.next());
    }
    return field.toString();
  }

  /** After a record: "\n", "\r\n" or a lone "\r" end one line. */
  private void lineBreak(int c) {
    if (c == '\r' && text.peek() == '\n') {
      text.next();
    }
    line++;
  }

  private void skipRestOfLine() {
    int c;
    while ((c = text.next()) != END) {
      if (c == '\n' || c == '\r') {
        lineBreak(c);
        return;
      }
    }
  }

  private static final class QuotingError extends RuntimeException {
    final boolean unclosed;

    QuotingError(String message, boolean unclosed) {
      super(message, null, false, false);
      this.unclosed = unclosed;
    }
  }

  /**
   * The characters of a UTF-8 stream, decoded a buffer at a time. The characters before a wrong byte are
   * handed out first, so that the parser knows the line the wrong byte is on when it reaches it.
   */
  private static final class Utf8Chars {

    static final class Malformed extends RuntimeException {
      Malformed() {
        super(null, null, false, false);
      }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean malformed;
    private boolean finished;

    Utf8Chars(InputStream in) {
      this.in = in;
    }

    int peek() {
      return chars.hasRemaining() || fill() ? chars.get(chars.position()) : END;
    }

    int next() {
      return chars.hasRemaining() || fill() ? chars.get() : END;
    }

    /** @return whether there are characters again */
    private boolean fill() {
      if (finished) {
        return false;
      }
      chars.clear();
      try {
        while (chars.position() == 0) {
          if (malformed) {
            throw new Malformed();
          }
          if (!endOfInput) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (read < 0) {
              endOfInput = true;
            } else {
              bytes.position(bytes.position() + read);
            }
            bytes.flip();
          }
          CoderResult result = decoder.decode(bytes, chars, endOfInput);
          if (result.isError()) {
            malformed = true;
          } else if (endOfInput && result.isUnderflow()) {
            decoder.flush(chars);
            finished = true;
            break;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      chars.flip();
      return chars.hasRemaining();
    }
  }
}
