package cn.liutong.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Engine reads made without the caller's authentication, for code that has already decided what the
 * caller may see (the change policy must see what it guards; the dashboard applies the ledger's
 * visibility rules). The caller's authentication is put back afterwards, whatever happens.
 */
public final class EngineReads {

  private EngineReads() {
  }

  public static <T> T withoutCaller(IdentityService identity, Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
