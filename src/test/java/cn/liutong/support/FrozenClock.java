package cn.liutong.support;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test (or every test of a class) at a fixed moment: the engine's clock ({@link ClockUtil}, which the
 * application's {@code EngineClock} reads) stands still at it from just before the test method until just
 * after it, then runs again. A test that computes "today" or "in 7 days" itself then agrees with the code
 * it tests, at any hour, also around midnight.
 *
 * <pre>{@code @FrozenClock("2026-03-31T10:00")}</pre>
 *
 * The value is an ISO date-time, with an offset ({@code 2026-03-31T10:00+08:00}) or without; without, it is
 * read in the JVM's zone, which the build sets to the application's default {@code liutong.time-zone}.
 */
@Target({ METHOD, TYPE })
@Retention(RUNTIME)
@Inherited
@ExtendWith(FrozenClock.Extension.class)
public @interface FrozenClock {

  String value();

  /** Set after the {@code @BeforeEach} methods (which may reset the clock), reset before the {@code @AfterEach} ones. */
  class Extension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) {
      AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), FrozenClock.class)
          .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), FrozenClock.class))
          .ifPresent(frozen -> ClockUtil.setCurrentTime(moment(frozen.value())));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      ClockUtil.reset();
    }

    /** The moment as the engine takes it. */
    public static Date moment(String value) {
      return Date.from(value.matches(".*([+-]\\d\\d:\\d\\d|Z)$") ? OffsetDateTime.parse(value).toInstant()
          : LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant());
    }
  }
}
