package cn.liutong.support;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import cn.liutong.demo.CycleScenario;
import cn.liutong.organisation.GroupIds;
import cn.liutong.organisation.ImportSummary;
import cn.liutong.organisation.TestOrganisationImport;

/**
 * A test's own agency: a copy of the demo agency {@code finance} ({@code demo/organisation.csv}) with the
 * same units, roles, Chinese names and number of members, under a fresh agency id, fresh branch codes and
 * fresh user ids (the demo ids with a suffix, e.g. {@code chenjingT7} in branch {@code financeT7Budget}), so
 * that tests sharing one Spring context never see each other's cycles, tasks, ledger rows, notifications or
 * login delays. Every password equals the user id, as in the demo organisation.
 *
 * <p>A test class holds one as {@code @RegisterExtension static final TestAgency agency = TestAgency.fresh();}
 * (imported before the class's first test; a second one stands for "another agency"); a base class takes
 * {@link #forClass} of its concrete class and imports it with {@link #importInto} before each test (once per
 * class). The import is the application's own ({@code OrganisationImport}), as the demo organisation's.
 */
public final class TestAgency implements BeforeAllCallback {

  /** The demo agency the copies are made of. */
  private static final String DEMO = "finance";
  /** Its branches by the part of the code after the agency id. */
  public static final String AUDIT = "Audit";
  public static final String BUDGET = "Budget";
  public static final String TREASURY = "Treasury";

  private static final AtomicInteger COPIES = new AtomicInteger();
  private static final Map<Class<?>, TestAgency> BY_CLASS = new ConcurrentHashMap<>();

  private record Row(String unitType, String unitId, String unitName, String userId, String userName, String role) {
  }

  private final String id;
  private final String name;
  private final List<Row> rows;
  private final Set<ApplicationContext> importedInto = Collections.newSetFromMap(new ConcurrentHashMap<>());

  private TestAgency(String id, String name, List<Row> rows) {
    this.id = id;
    this.name = name;
    this.rows = rows;
  }

  /** A new copy of the demo agency, not yet imported. */
  public static TestAgency fresh() {
    String suffix = "T" + COPIES.incrementAndGet();
    String id = DEMO + suffix;
    List<String[]> demo = demoRows();
    List<Row> rows = demo.stream().map(c -> new Row(c[2], c[3].isEmpty() ? "" : id + c[3].substring(DEMO.length()),
        c[4], c[5] + suffix, c[6], c[7])).toList();
    return new TestAgency(id, demo.get(0)[1], rows);
  }

  /** The demo agency itself, as the demo profile imports it (for tests on a database of their own). */
  public static TestAgency demo() {
    List<String[]> demo = demoRows();
    return new TestAgency(DEMO, demo.get(0)[1],
        demo.stream().map(c -> new Row(c[2], c[3], c[4], c[5], c[6], c[7])).toList());
  }

  /** The agency of one test class (a base class's subclasses each have their own). */
  public static TestAgency forClass(Class<?> testClass) {
    return BY_CLASS.computeIfAbsent(testClass, c -> fresh());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    importInto(SpringExtension.getApplicationContext(context));
  }

  /** Imports the agency into this application (once; again is a no-op); refuses if any of it existed. */
  public TestAgency importInto(ApplicationContext context) {
    if (importedInto.contains(context)) {
      return this;
    }
    synchronized (this) {
      if (importedInto.add(context)) {
        ImportSummary summary = TestOrganisationImport.importCsv(context, csv());
        if (summary.agenciesCreated() != 1 || summary.usersCreated() != users().size()) {
          throw new IllegalStateException(id + " or some of its people existed before the import (" + summary
              + "): the agency would not be the test's own");
        }
      }
    }
    return this;
  }

  // ----------------------------------------------------------------- who is who

  /** The tenant id. */
  public String id() {
    return id;
  }

  /** The agency's Chinese name (that of the demo agency, 市财政局). */
  public String name() {
    return name;
  }

  /** The first member of the agency party committee (the demo's 王强). */
  public String committee() {
    return unitMembers("committee").get(0);
  }

  /** The second member of the agency party committee (the demo's 刘洋). */
  public String committee2() {
    return unitMembers("committee").get(1);
  }

  /** The party group's secretary, its first member (the demo's 赵敏). */
  public String partyGroup() {
    return unitMembers("partyGroup").get(0);
  }

  /** The party group's other member (the demo's 李明), who owns 分管 items. */
  public String partyGroup2() {
    return unitMembers("partyGroup").get(1);
  }

  /**
   * The 责任人 a sound decomposition names, each for their unit: each branch's secretary (the branches first, so
   * that each branch's item is among the first), both party group members and the first committee member.
   */
  public List<CycleScenario.Owner> owners() {
    List<CycleScenario.Owner> owners = new java.util.ArrayList<>();
    branches().forEach(code -> owners.add(new CycleScenario.Owner(code, secretary(code.substring(id.length())))));
    owners.addAll(agencyOwners());
    return owners;
  }

  /** The 责任人 of the agency's own levels: both party group members and the first committee member. */
  public List<CycleScenario.Owner> agencyOwners() {
    return List.of(new CycleScenario.Owner(partyGroupGroup(), partyGroup()),
        new CycleScenario.Owner(partyGroupGroup(), partyGroup2()), new CycleScenario.Owner(committeeGroup(), committee()));
  }

  /** Every branch code, in the order a cycle lists them (by code). */
  public List<String> branches() {
    return rows.stream().filter(r -> !r.unitId().isEmpty()).map(Row::unitId).distinct().sorted().toList();
  }

  /** The code of the branch {@link #AUDIT}, {@link #BUDGET} or {@link #TREASURY}. */
  public String branch(String key) {
    String code = id + key;
    if (!branches().contains(code)) {
      throw new IllegalArgumentException("no branch " + key + " in " + id + " " + branches());
    }
    return code;
  }

  /** The branch's secretary. */
  public String secretary(String key) {
    String code = branch(key);
    return rows.stream().filter(r -> r.unitId().equals(code) && r.role().equals("secretary")).findFirst()
        .orElseThrow().userId();
  }

  /** The branch's {@code i}-th member who is not its secretary, in the file's order (0 is the demo's 李伟 in Budget). */
  public String member(String key, int i) {
    String code = branch(key);
    return rows.stream().filter(r -> r.unitId().equals(code) && !r.role().equals("secretary")).toList().get(i)
        .userId();
  }

  /** The branch's people, secretary included, by user id. */
  public List<String> members(String key) {
    String code = branch(key);
    return rows.stream().filter(r -> r.unitId().equals(code)).map(Row::userId).sorted().toList();
  }

  /** Everyone of the agency, in the file's order. */
  public List<String> users() {
    return rows.stream().map(Row::userId).distinct().toList();
  }

  /** The user's Chinese name. */
  public String nameOf(String userId) {
    return rows.stream().filter(r -> r.userId().equals(userId)).findFirst().orElseThrow().userName();
  }

  /** The branch's unit name (预算处党支部, …). */
  public String unitName(String key) {
    String code = branch(key);
    return rows.stream().filter(r -> r.unitId().equals(code)).findFirst().orElseThrow().unitName();
  }

  public String committeeGroup() {
    return GroupIds.committee(id);
  }

  public String partyGroupGroup() {
    return GroupIds.partyGroup(id);
  }

  public String secretariesGroup(String key) {
    return GroupIds.branchSecretaries(branch(key));
  }

  /** The organisation file of this agency alone. */
  public byte[] csv() {
    StringBuilder csv = new StringBuilder(LargeAgency.HEADER).append('\n');
    for (Row r : rows) {
      csv.append(String.join(",", id, name, r.unitType(), r.unitId(), r.unitName(), r.userId(), r.userName(),
          r.role())).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TestAgency " + id;
  }

  private List<String> unitMembers(String unitType) {
    return rows.stream().filter(r -> r.unitType().equals(unitType)).map(Row::userId).toList();
  }

  private static List<String[]> demoRows() {
    List<String[]> rows = DemoOrganisation.rows().stream().filter(cells -> cells[0].equals(DEMO)).toList();
    rows.stream().filter(cells -> String.join(",", cells).contains("\"")).findAny().ifPresent(cells -> {
      throw new IllegalStateException("a name of the demo agency is quoted: " + String.join(",", cells));
    });
    return rows;
  }
}
