package cn.liutong.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tracking code (查询码): 16 characters of Crockford's base32 (no I, L, O, U), 80 random bits, handed
 * out as four groups of four ({@code 7K3M-9QXR-2F8T-B1WZ}). Typed back in any case, with or without the
 * hyphens, and with I/L read as 1 and O as 0. Only its SHA-256 is stored: a leaked ledger reveals no code,
 * and 80 bits cannot be guessed through a rate-limited endpoint.
 */
final class TrackingCode {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int LENGTH = 16;
  private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{16}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TrackingCode() {
  }

  /** A new code in its display form. */
  static String generate() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The hash of what someone typed, or empty when it cannot be a code at all. */
  static Optional<String> hashOf(String typed) {
    if (typed == null || typed.length() > 2 * LENGTH) {
      return Optional.empty();
    }
    String code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT)
        .replace('I', '1').replace('L', '1').replace('O', '0');
    return CODE.matcher(code).matches() ? Optional.of(sha256(code)) : Optional.empty();
  }

  static boolean isHash(String value) {
    return HASH.matcher(value).matches();
  }

  private static String sha256(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
