package cn.liutong.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import cn.liutong.organisation.Visibility.Scope;
import cn.liutong.support.TestAgency;
import cn.liutong.support.TestCityCommittee;

/**
 * Who sees which agency, as the REST filter and the webapp session put the caller on the engine: an agency's
 * committee its own agency whole and no other, in both scopes; the city committee (机关工委) every agency whole
 * on the 六同看板 and nothing in the ledger's scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class VisibilityTest {

  @RegisterExtension
  static final TestAgency agency = TestAgency.fresh();

  @RegisterExtension
  static final TestAgency otherAgency = TestAgency.fresh();

  @RegisterExtension
  static final TestCityCommittee city = TestCityCommittee.fresh();

  @Autowired
  Visibility visibility;

  @Autowired
  IdentityService identity;

  @Test
  void anAgencysCommitteeSeesItsOwnAgencyOnlyInBothScopes() {
    as(agency.committee(), List.of(agency.committeeGroup()), List.of(agency.id()), () -> {
      for (Scope scope : List.of(visibility.scope(), visibility.dashboardScope())) {
        assertThat(scope.seesWholeAgency(agency.id())).isTrue();
        assertThat(scope.seesCycleOf(otherAgency.id())).isFalse();
        assertThat(scope.seesBranch(otherAgency.id(), otherAgency.branch(TestAgency.BUDGET))).isFalse();
      }
      assertThat(visibility.overseesAllAgencies()).isFalse();
      return null;
    });
  }

  @Test
  void theCityCommitteeSeesEveryAgencyWholeOnTheDashboardOnly() {
    as(city.member(), List.of(city.group()), List.of(), () -> {
      Scope dashboard = visibility.dashboardScope();
      for (TestAgency each : List.of(agency, otherAgency)) {
        assertThat(dashboard.seesWholeAgency(each.id())).as(each.id()).isTrue();
        assertThat(dashboard.seesBranch(each.id(), each.branch(TestAgency.AUDIT))).isTrue();
      }
      Scope ledger = visibility.scope();
      assertThat(ledger.agencies()).as("the ledger, exports and attachments").isEmpty();
      assertThat(ledger.wholeAgencies()).isEmpty();
      assertThat(visibility.overseesAllAgencies()).isTrue();
      return null;
    });
  }

  @Test
  void aCityGroupTypeNamedInAnotherGroupsIdGrantsNothing() {
    // a member of an agency whose group id merely ends like the city committee's is no city committee
    as(agency.committee(), List.of(agency.committeeGroup(), "noSuchWorkCommittee"), List.of(agency.id()), () -> {
      assertThat(visibility.overseesAllAgencies()).isFalse();
      assertThat(visibility.dashboardScope().seesCycleOf(otherAgency.id())).isFalse();
      return null;
    });
  }

  private <T> T as(String user, List<String> groups, List<String> tenants, Supplier<T> check) {
    identity.setAuthentication(user, groups, tenants);
    try {
      return check.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
