package cn.liutong.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first administrator outside the demo profile. Camunda's own {@code admin-user} falls back to
 * the user id as password; we refuse to start instead.
 */
@Validated
@ConfigurationProperties("liutong.admin")
record AdminAccount(
    @NotBlank(message = "is required outside the demo profile: set LIUTONG_ADMIN_USER") String id,
    @NotBlank(message = "is required outside the demo profile: set LIUTONG_ADMIN_PASSWORD")
    @Size(min = 10, message = "must have at least 10 characters") String password) {
}
