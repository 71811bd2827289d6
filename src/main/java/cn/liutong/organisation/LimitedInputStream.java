package cn.liutong.organisation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and stops with {@link LimitExceededException} as soon as there are more
 * than the limit, whether or not a length was declared (chunked encoding): an oversized body is never read
 * to its end.
 */
final class LimitedInputStream extends FilterInputStream {

  static final class LimitExceededException extends RuntimeException {
    LimitExceededException(long limit) {
      super("more than " + limit + " bytes", null, false, false);
    }
  }

  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      counted(read);
    }
    return read;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long bytes) {
    count += bytes;
    if (count > limit) {
      throw new LimitExceededException(limit);
    }
  }
}
