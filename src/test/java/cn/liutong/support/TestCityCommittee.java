package cn.liutong.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.ImportSummary;
import cn.liutong.organisation.TestOrganisationImport;

/**
 * A test's own city committee (市直机关工委): a copy of the demo's work committee with one member (the demo's
 * 孙慧) under a fresh committee id and user id, imported through the application's own organisation import
 * before the class's first test; the password equals the user id.
 */
public final class TestCityCommittee implements BeforeAllCallback {

  public static final String NAME = "市直机关工委";
  private static final AtomicInteger COPIES = new AtomicInteger();

  private final String id;
  private final String member;

  private TestCityCommittee(String suffix) {
    this.id = "city" + suffix;
    this.member = "sunhui" + suffix;
  }

  public static TestCityCommittee fresh() {
    return new TestCityCommittee("C" + COPIES.incrementAndGet());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ImportSummary summary = TestOrganisationImport.importCsv(SpringExtension.getApplicationContext(context), csv());
    if (summary.usersCreated() != 1 || summary.groupsCreated() != 1 || summary.agenciesCreated() != 0) {
      throw new IllegalStateException(id + " existed before the import, or became an agency: " + summary);
    }
  }

  /** The committee's id (its rows' agency_id); its group is {@link #group()}. */
  public String id() {
    return id;
  }

  public String group() {
    return GroupIds.cityCommittee(id);
  }

  /** Its member's user id (and password). */
  public String member() {
    return member;
  }

  public byte[] csv() {
    return (LargeAgency.HEADER + "\n" + String.join(",", id, NAME, GroupIds.TYPE_CITY_COMMITTEE, "", NAME, member, "孙慧",
        "member") + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
