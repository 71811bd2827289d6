package cn.liutong.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.Test;

/** Who calls, as the change policy, the visibility rules and the admin endpoints read it. */
class CallerTest {

  @Test
  void nobodyIsNeitherAPersonNorAnAdministrator() {
    for (Caller nobody : List.of(Caller.of(null), Caller.of(new Authentication(null, List.of(Groups.CAMUNDA_ADMIN))))) {
      assertThat(nobody.signedIn()).isFalse();
      assertThat(nobody.isAdministrator()).isFalse();
      assertThat(nobody.isPerson()).isFalse();
      assertThat(nobody.groupIds()).isEmpty();
      assertThat(nobody.tenantIds()).isEmpty();
    }
    assertThat(Caller.ofCommand()).as("outside an engine command").isEqualTo(Caller.of(null));
  }

  @Test
  void anAdministratorIsInCamundaAdmin() {
    Caller admin = Caller.of(new Authentication("admin", List.of(Groups.CAMUNDA_ADMIN, "monitoring")));
    assertThat(admin.isAdministrator()).isTrue();
    assertThat(admin.isPerson()).isFalse();
    assertThat(admin.inAnyGroup(Set.of("monitoring"))).isTrue();
  }

  @Test
  void aPersonIsSignedInWithoutCamundaAdmin() {
    Caller person = Caller.of(new Authentication("chenjing", List.of("financeBudget"), List.of("finance")));
    assertThat(person.isPerson()).isTrue();
    assertThat(person.isAdministrator()).isFalse();
    assertThat(person.userId()).isEqualTo("chenjing");
    assertThat(person.tenantIds()).containsExactly("finance");
    assertThat(person.inAnyGroup(Set.of(Groups.CAMUNDA_ADMIN, "monitoring"))).isFalse();

    Caller withoutLists = Caller.of(new Authentication("liwei", null, null));
    assertThat(withoutLists.isPerson()).isTrue();
    assertThat(withoutLists.groupIds()).isEmpty();
  }
}
