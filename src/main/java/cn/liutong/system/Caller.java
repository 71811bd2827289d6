package cn.liutong.system;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is calling, read one way from the engine's authentication (HTTP Basic on the REST API and {@code /api},
 * the webapps' session): nobody (engine-internal code, the job executor, the demo), an administrator (group
 * {@code camunda-admin}) or a person, whom the change policy and the visibility rules concern.
 */
public record Caller(String userId, List<String> groupIds, List<String> tenantIds) {

  private static final Caller NOBODY = new Caller(null, List.of(), List.of());

  public static Caller of(Authentication authentication) {
    if (authentication == null || authentication.getUserId() == null) {
      return NOBODY;
    }
    return new Caller(authentication.getUserId(),
        authentication.getGroupIds() == null ? List.of() : List.copyOf(authentication.getGroupIds()),
        authentication.getTenantIds() == null ? List.of() : List.copyOf(authentication.getTenantIds()));
  }

  /** The caller of the current request or engine call. */
  public static Caller current(IdentityService identity) {
    return of(identity.getCurrentAuthentication());
  }

  /** The caller of the engine command running now (for code the engine calls: providers, listeners). */
  public static Caller ofCommand() {
    var command = Context.getCommandContext();
    return command == null ? NOBODY : of(command.getAuthentication());
  }

  public boolean signedIn() {
    return userId != null;
  }

  public boolean isAdministrator() {
    return signedIn() && groupIds.contains(Groups.CAMUNDA_ADMIN);
  }

  /** Signed in and not an administrator: the one the change policy and the visibility rules concern. */
  public boolean isPerson() {
    return signedIn() && !isAdministrator();
  }

  public boolean inAnyGroup(Collection<String> groups) {
    return groupIds.stream().anyMatch(groups::contains);
  }
}
