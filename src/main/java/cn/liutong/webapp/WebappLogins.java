package cn.liutong.webapp;

import java.util.Optional;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** Who is signed in to the webapps (Camunda's login session), for the {@code /ui} endpoints beside them. */
public final class WebappLogins {

  private WebappLogins() {
  }

  /** The signed-in user's id in the given engine, empty without a login. */
  public static Optional<String> userId(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications != null
        && authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication login) {
      return Optional.of(login.getName());
    }
    return Optional.empty();
  }
}
