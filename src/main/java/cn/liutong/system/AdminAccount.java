package cn.liutong.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator outside the demo profile. Camunda's own {@code admin-user} falls back to
 * the user id as password; we refuse to start instead. Checked by hand, not by bean validation: a
 * validation failure report prints the rejected value, and this value is a password.
 */
@ConfigurationProperties("liutong.admin")
record AdminAccount(String id, String password) {

  static final int MIN_PASSWORD = 10;

  /** @throws IllegalStateException naming the setting, never its value */
  void check() {
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("liutong.admin.id is required outside the demo profile: set LIUTONG_ADMIN_USER");
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "liutong.admin.password is required outside the demo profile: set LIUTONG_ADMIN_PASSWORD");
    }
    if (password.length() < MIN_PASSWORD) {
      throw new IllegalStateException("liutong.admin.password (LIUTONG_ADMIN_PASSWORD) must have at least "
          + MIN_PASSWORD + " characters");
    }
  }
}
