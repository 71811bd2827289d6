package cn.liutong.organisation;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.partitioningBy;
import static java.util.stream.Collectors.toList;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.liutong.organisation.CsvRecords.CsvRecord;
import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.BranchKind;
import cn.liutong.organisation.Organisation.CityCommittee;
import cn.liutong.organisation.Organisation.Person;
import cn.liutong.organisation.Organisation.Unit;
import cn.liutong.system.CleanText;

/**
 * Reads an organisation from the import CSV (README, "Importing an organisation") and checks all of it
 * before anything is written. Every problem is reported, with its line and a Chinese reason, for the
 * administrator who fixes the file; a row that is itself wrong is left out of the checks across rows, so
 * one mistake is not reported again as a missing secretary.
 */
final class OrganisationCsv {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrganisationCsv.class);

  static final List<String> COLUMNS =
      List.of("agency_id", "agency_name", "unit_type", "unit_id", "unit_name", "user_id", "user_name", "role");

  static final String COMMITTEE = "committee";
  static final String PARTY_GROUP = "partyGroup";
  /** The city's work committee (机关工委): its rows' agency_id is the committee's own id, not a tenant. */
  static final String CITY_COMMITTEE = GroupIds.TYPE_CITY_COMMITTEE;
  static final String SECRETARY = "secretary";
  static final String MEMBER = "member";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]+");
  private static final String FORMULA_START = "=+-@";
  private static final int MAX_ID = 64;
  private static final int MAX_NAME = 64;
  private static final String NOT_UTF8 =
      "文件不是UTF-8编码（Excel默认保存的CSV常为GBK编码）：请另存为“CSV UTF-8（逗号分隔）”后重新上传";

  /** What exists beyond the file and constrains it: a user or group id belongs to one agency only. */
  interface Existing {

    /** For each of the users that exist, the agencies whose groups they are a member of now. */
    Map<String, Set<String>> agenciesOfUsers(Collection<String> userIds);

    /** The group's type and the agencies it is attached to, or null when there is no such group. */
    ExistingGroup group(String groupId);

    /** The agency a branch was imported for, detached or not, or null. */
    String agencyOfBranch(String branchId);

    /** Whether the user is an administrator (in camunda-admin): an import never touches them. */
    boolean isAdministrator(String userId);
  }

  record ExistingGroup(String type, Set<String> agencies) {
  }

  /** A row whose fields are each valid on their own. */
  private record Row(int line, String agencyId, String agencyName, String unitType, String unitId, String unitName,
      String userId, String userName, String role) {

    BranchKind kind() {
      return BranchKind.of(unitType).orElse(null);
    }

    boolean isBranch() {
      return kind() != null;
    }

    boolean isCityCommittee() {
      return CITY_COMMITTEE.equals(unitType);
    }

    /** One key per unit: the committee and party group of an agency, a branch by its id. */
    String unitKey() {
      return isBranch() ? unitId : agencyId + "#" + unitType;
    }

    Person person() {
      return new Person(userId, userName);
    }

    /** The Camunda groups the unit becomes (see {@link OrganisationWriter}). */
    List<GroupRef> groups() {
      return switch (unitType) {
        case COMMITTEE -> List.of(new GroupRef(GroupIds.committee(agencyId), GroupIds.TYPE_COMMITTEE));
        case PARTY_GROUP -> SECRETARY.equals(role)
            ? List.of(new GroupRef(GroupIds.partyGroup(agencyId), GroupIds.TYPE_PARTY_GROUP),
                new GroupRef(GroupIds.partyGroupSecretary(agencyId), GroupIds.TYPE_PARTY_GROUP_SECRETARY))
            : List.of(new GroupRef(GroupIds.partyGroup(agencyId), GroupIds.TYPE_PARTY_GROUP));
        case CITY_COMMITTEE -> List.of(new GroupRef(GroupIds.cityCommittee(agencyId), GroupIds.TYPE_CITY_COMMITTEE));
        default -> List.of(new GroupRef(GroupIds.branchMembers(unitId), GroupIds.TYPE_BRANCH),
            new GroupRef(GroupIds.branchSecretaries(unitId), GroupIds.TYPE_BRANCH_SECRETARIES));
      };
    }
  }

  private record GroupRef(String id, String type) {
  }

  private final List<ImportProblem> problems = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  /** Agencies with a row left out: whether they lack a committee, party group or secretary is unknown. */
  private final Set<String> incompleteAgencies = new HashSet<>();
  /** False after a quoting error: a record was lost, and with it which agency it belonged to. */
  private boolean everyRecordRead;
  private boolean hasRows;

  private OrganisationCsv() {
  }

  /** @throws InvalidOrganisationException with every problem found, when there is one */
  static Organisation read(byte[] csv, Existing existing) {
    return parse(new ByteArrayInputStream(csv)).check(existing);
  }

  /**
   * Reads and checks every row on its own, as the bytes arrive: what is kept are the rows, not the file.
   * Nothing is thrown for problems yet; {@link #check} reports them with those across rows.
   */
  static OrganisationCsv parse(InputStream csv) {
    var reader = new OrganisationCsv();
    reader.hasRows = reader.readRows(csv);
    return reader;
  }

  /**
   * Checks across rows and against what exists, then builds the organisation.
   *
   * @throws InvalidOrganisationException with every problem found, when there is one
   */
  Organisation check(Existing existing) {
    if (hasRows) {
      long start = System.nanoTime();
      checkAcrossRows();
      if (everyRecordRead) {
        checkCompleteness();
      }
      long across = System.nanoTime();
      checkAgainst(existing);
      LOG.debug("Rows checked across in {} ms, against what exists in {} ms", (across - start) / 1_000_000,
          (System.nanoTime() - across) / 1_000_000);
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(ImportProblem::line));
      throw new InvalidOrganisationException(problems);
    }
    return organisation();
  }

  /** The number of rows read, for the log. */
  int rowCount() {
    return rows.size();
  }

  /**
   * UTF-8, with or without a byte order mark; anything else is refused rather than guessed, and then that
   * is the only problem reported.
   *
   * @return whether there are rows to check across
   */
  private boolean readRows(InputStream csv) {
    List<ImportProblem> quoting = new ArrayList<>();
    var records = new Object() {
      int count;
      Map<String, Integer> columns;
    };
    try {
      CsvRecords.parse(csv, quoting, record -> {
        if (record.isBlank()) {
          return;
        }
        if (records.count++ == 0) {
          records.columns = header(record);
        } else if (records.columns != null) {
          row(record, records.columns);
        }
      });
    } catch (CsvRecords.NotUtf8Exception e) {
      problems.clear();
      rows.clear();
      problem(e.line, NOT_UTF8);
      return false;
    }
    everyRecordRead = quoting.isEmpty();
    problems.addAll(quoting);
    if (records.count == 0) {
      if (everyRecordRead) {
        problem(1, "文件为空：第1行须为表头 " + String.join(",", COLUMNS));
      }
      return false;
    }
    if (records.columns == null) {
      return false;
    }
    if (records.count == 1 && everyRecordRead) {
      problem(1, "文件只有表头，没有人员");
    }
    return !rows.isEmpty();
  }

  /** Column name to index, or null; the columns may come in any order, each exactly once. */
  private Map<String, Integer> header(CsvRecord header) {
    int before = problems.size();
    var columns = new HashMap<String, Integer>();
    var unknown = new ArrayList<String>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).trim();
      if (!COLUMNS.contains(name)) {
        unknown.add(name.isEmpty() ? "（空）" : name);
      } else if (columns.putIfAbsent(name, i) != null) {
        problem(header.line(), "表头的列“" + name + "”出现了两次");
      }
    }
    List<String> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      problem(header.line(), "表头缺少列：" + String.join("、", missing));
    }
    if (!unknown.isEmpty()) {
      problem(header.line(), "表头有多余的列：" + String.join("、", unknown) + "（应为 " + String.join(",", COLUMNS) + "）");
    }
    return problems.size() == before ? columns : null;
  }

  private void row(CsvRecord record, Map<String, Integer> columns) {
    int line = record.line();
    List<String> fields = record.fields();
    if (fields.size() != COLUMNS.size()) {
      problem(line, "应有" + COLUMNS.size() + "列，实际为" + fields.size() + "列（含逗号的内容须用英文双引号括起）");
      incompleteAgencies.add(fields.get(0).trim());
      return;
    }
    Map<String, String> value = new HashMap<>();
    columns.forEach((name, index) -> value.put(name, fields.get(index).trim()));
    int before = problems.size();
    String unitType = value.get("unit_type");
    boolean branch = BranchKind.of(unitType).isPresent();
    boolean city = CITY_COMMITTEE.equals(unitType);
    id(line, "机关ID", value.get("agency_id"),
        MAX_ID - (city ? GroupIds.cityCommittee("") : GroupIds.partyGroup("")).length());
    name(line, "机关名称", value.get("agency_name"));
    if (!branch && !city && !COMMITTEE.equals(unitType) && !PARTY_GROUP.equals(unitType)) {
      problem(line, unitType.isEmpty() ? "“单位类型”不能为空" : "未知的单位类型“" + unitType + "”"
          + "（可选：committee 机关党委、partyGroup 党组、branch 党支部、jointBranch 联合党支部、temporaryBranch 临时党组织、"
          + "cityCommittee 市直机关工委）");
    } else if (branch) {
      id(line, "单位ID", value.get("unit_id"), MAX_ID - "Secretaries".length());
    } else if (!value.get("unit_id").isEmpty()) {
      problem(line, "机关党委、党组和市直机关工委不填“单位ID”（由机关ID生成）");
    }
    name(line, "单位名称", value.get("unit_name"));
    id(line, "用户ID", value.get("user_id"), MAX_ID);
    name(line, "姓名", value.get("user_name"));
    String role = value.get("role");
    if (branch && !SECRETARY.equals(role) && !MEMBER.equals(role)) {
      problem(line, "未知的角色“" + role + "”（党支部可选：secretary 书记/支委、member 党员）");
    } else if (PARTY_GROUP.equals(unitType) && !SECRETARY.equals(role) && !MEMBER.equals(role)) {
      problem(line, "未知的角色“" + role + "”（党组可选：secretary 党组书记、member 党组成员）");
    } else if (!branch && !PARTY_GROUP.equals(unitType) && !MEMBER.equals(role)) {
      problem(line, "未知的角色“" + role + "”（机关党委和市直机关工委只能填 member）");
    }
    if (problems.size() > before) {
      incompleteAgencies.add(value.get("agency_id"));
      return;
    }
    rows.add(new Row(line, value.get("agency_id"), value.get("agency_name"), unitType, value.get("unit_id"),
        value.get("unit_name"), value.get("user_id"), value.get("user_name"), role));
  }

  private void id(int line, String label, String value, int max) {
    if (value.isEmpty()) {
      problem(line, "“" + label + "”不能为空");
    } else if (!ID.matcher(value).matches()) {
      problem(line, label + "“" + value + "”只能包含字母和数字");
    } else if (value.length() > max) {
      problem(line, label + "“" + value + "”过长：最多" + max + "个字符");
    }
  }

  private void name(int line, String label, String value) {
    String unclean = CleanText.problem(value);
    if (value.isEmpty()) {
      problem(line, "“" + label + "”不能为空");
    } else if (value.codePointCount(0, value.length()) > MAX_NAME) {
      problem(line, label + "过长：最多" + MAX_NAME + "个字");
    } else if (value.chars().anyMatch(Character::isISOControl)) {
      problem(line, label + "“" + value.replaceAll("\\p{Cntrl}", "?") + "”含有控制字符（如换行、制表符）");
    } else if (unclean != null) {
      problem(line, label + unclean);
    } else if (FORMULA_START.indexOf(value.charAt(0)) >= 0) {
      // Excel would run it as a formula when an administrator opens an export
      problem(line, label + "不能以 = + - @ 开头");
    }
  }

  /** One name per agency, unit and user; one agency per unit and user; one row per person and unit. */
  private void checkAcrossRows() {
    Map<String, Row> agencies = new HashMap<>();
    Map<String, Row> units = new HashMap<>();
    Map<String, Row> groups = new HashMap<>();
    Map<String, Row> users = new HashMap<>();
    Map<String, Row> memberships = new HashMap<>();
    Map<String, Row> homeBranches = new HashMap<>();
    for (Row row : rows) {
      Row agency = agencies.putIfAbsent(row.agencyId(), row);
      if (agency != null && !agency.agencyName().equals(row.agencyName())) {
        problem(row, "机关“" + row.agencyId() + "”在第" + agency.line() + "行名为“" + agency.agencyName()
            + "”，此处为“" + row.agencyName() + "”");
      }
      Row unit = units.putIfAbsent(row.unitKey(), row);
      if (unit == null) {
        row.groups().forEach(group -> {
          Row other = groups.putIfAbsent(group.id(), row);
          if (other != null) {
            problem(row, "单位ID“" + row.unitId() + "”生成的组ID“" + group.id() + "”与第" + other.line() + "行的单位重复");
          }
        });
      } else if (!unit.unitType().equals(row.unitType())) {
        problem(row, "单位“" + row.unitId() + "”在第" + unit.line() + "行的类型为" + unit.unitType()
            + "，此处为" + row.unitType());
      } else if (!unit.agencyId().equals(row.agencyId())) {
        problem(row, "党支部“" + row.unitId() + "”在第" + unit.line() + "行属于机关“" + unit.agencyId()
            + "”，此处为“" + row.agencyId() + "”：一个党支部只能属于一个机关");
      } else if (!unit.unitName().equals(row.unitName())) {
        problem(row, "单位“" + (row.isBranch() ? row.unitId() : row.unitType()) + "”在第" + unit.line() + "行名为“"
            + unit.unitName() + "”，此处为“" + row.unitName() + "”");
      }
      Row user = users.putIfAbsent(row.userId(), row);
      if (user != null && !user.agencyId().equals(row.agencyId())) {
        problem(row, "用户“" + row.userId() + "”在第" + user.line() + "行属于机关“" + user.agencyId()
            + "”，此处为“" + row.agencyId() + "”：一人只能属于一个机关");
      } else if (user != null && !user.userName().equals(row.userName())) {
        problem(row, "用户“" + row.userId() + "”在第" + user.line() + "行名为“" + user.userName()
            + "”，此处为“" + row.userName() + "”");
      }
      Row membership = memberships.putIfAbsent(row.unitKey() + "/" + row.userId(), row);
      if (membership != null) {
        problem(row, "与第" + membership.line() + "行重复：同一人在同一单位只能出现一次");
      }
      // A member's membership (组织关系) is in one branch; a temporary party organisation comes on top.
      if (row.isBranch() && row.kind() != BranchKind.TEMPORARY_BRANCH) {
        Row home = homeBranches.putIfAbsent(row.userId(), row);
        if (home != null && !home.unitId().equals(row.unitId())) {
          problem(row, "用户“" + row.userId() + "”在第" + home.line() + "行已属于党支部“" + home.unitId()
              + "”：一名党员只能属于一个党支部或联合党支部（临时党组织除外）");
        }
      }
    }
  }

  /** Every agency needs a committee, a party group and a branch; every branch a secretary. */
  private void checkCompleteness() {
    byAgency().forEach((agencyId, agencyRows) -> {
      if (incompleteAgencies.contains(agencyId)) {
        return;
      }
      Row first = agencyRows.get(0);
      if (agencyRows.stream().anyMatch(Row::isCityCommittee)) {
        if (agencyRows.stream().anyMatch(r -> !r.isCityCommittee())) {
          problem(agencyRows.stream().filter(Row::isCityCommittee).findFirst().orElseThrow(), "机关ID“" + agencyId
              + "”已用于市直机关工委（cityCommittee）：工委不是机关，须使用单独的ID，不能与机关党委、党组或党支部同用一个机关ID");
        }
        return;
      }
      if (agencyRows.stream().noneMatch(r -> r.unitType().equals(COMMITTEE))) {
        problem(first, "机关“" + agencyId + "”没有机关党委成员：至少需要1人（单位类型 committee）");
      }
      if (agencyRows.stream().noneMatch(r -> r.unitType().equals(PARTY_GROUP))) {
        problem(first, "机关“" + agencyId + "”没有党组成员：至少需要1人（单位类型 partyGroup）");
      }
      agencyRows.stream().filter(r -> r.unitType().equals(PARTY_GROUP) && r.role().equals(SECRETARY)).skip(1)
          .findFirst().ifPresent(second -> problem(second, "机关“" + agencyId + "”的党组书记只能有1人（角色 secretary）"));
      Map<String, List<Row>> branches = byBranch(agencyRows);
      if (branches.isEmpty()) {
        problem(first, "机关“" + agencyId + "”没有党支部：至少需要1个（单位类型 branch、jointBranch 或 temporaryBranch）");
      }
      branches.forEach((branchId, branchRows) -> {
        if (branchRows.stream().noneMatch(r -> r.role().equals(SECRETARY))) {
          problem(branchRows.get(0), branchRows.get(0).kind().label() + "“" + branchId
              + "”没有书记：至少需要1人（角色 secretary）");
        }
      });
    });
  }

  /** Ids already taken in the database by another agency, or by a group of another kind. */
  private void checkAgainst(Existing existing) {
    Set<String> agenciesInFile = byAgency().keySet();
    Map<String, Set<String>> agenciesOfUsers = existing.agenciesOfUsers(rows.stream().map(Row::userId).distinct().toList());
    Set<String> seenUsers = new HashSet<>();
    Set<String> seenUnits = new HashSet<>();
    for (Row row : rows) {
      if (!seenUsers.add(row.userId())) {
        // checked at its first row
      } else if (existing.isAdministrator(row.userId())) {
        problem(row, "用户ID“" + row.userId() + "”是系统管理员：导入不能修改系统管理员");
      } else {
        agenciesOfUsers.getOrDefault(row.userId(), Set.of()).stream().filter(a -> !agenciesInFile.contains(a)).findFirst()
            .ifPresent(other -> problem(row, "用户“" + row.userId() + "”已属于机关“" + other
                + "”（不在本文件中）：一人只能属于一个机关"));
      }
      if (seenUnits.add(row.unitKey())) {
        checkUnitAgainst(existing, row);
      }
    }
  }

  private void checkUnitAgainst(Existing existing, Row row) {
    for (GroupRef group : row.groups()) {
      ExistingGroup found = existing.group(group.id());
      if (found == null) {
        continue;
      }
      if (!group.type().equals(found.type())) {
        problem(row, "组ID“" + group.id() + "”已被系统中另一类组（" + found.type() + "）使用");
        return;
      }
      String other = found.agencies().stream().filter(a -> !a.equals(row.agencyId())).findFirst().orElse(null);
      if (other != null) {
        problem(row, "组ID“" + group.id() + "”已属于机关“" + other + "”");
        return;
      }
    }
    String owner = row.isBranch() ? existing.agencyOfBranch(row.unitId()) : null;
    if (owner != null && !owner.equals(row.agencyId())) {
      problem(row, "党支部“" + row.unitId() + "”曾属于机关“" + owner + "”：撤销的党支部ID不能用于其他机关");
    }
  }

  private Organisation organisation() {
    Map<Boolean, List<List<Row>>> cityOrNot = byAgency().values().stream()
        .collect(partitioningBy(agencyRows -> agencyRows.get(0).isCityCommittee()));
    return new Organisation(cityOrNot.get(false).stream().map(agencyRows -> {
      Row first = agencyRows.get(0);
      return new Agency(first.agencyId(), first.agencyName(), unit(agencyRows, COMMITTEE),
          unit(agencyRows, PARTY_GROUP), byBranch(agencyRows).values().stream().map(OrganisationCsv::branch).toList());
    }).toList(), cityOrNot.get(true).stream()
        .map(rows -> new CityCommittee(rows.get(0).agencyId(), unit(rows, CITY_COMMITTEE))).toList());
  }

  private static Unit unit(List<Row> agencyRows, String type) {
    List<Row> unitRows = agencyRows.stream().filter(r -> r.unitType().equals(type)).toList();
    return new Unit(unitRows.get(0).unitName(), unitRows.stream().map(Row::person).toList(),
        unitRows.stream().filter(r -> r.role().equals(SECRETARY)).map(Row::person).toList());
  }

  private static Branch branch(List<Row> branchRows) {
    Row first = branchRows.get(0);
    return new Branch(first.unitId(), first.unitName(), first.kind(),
        branchRows.stream().filter(r -> r.role().equals(SECRETARY)).map(Row::person).toList(),
        branchRows.stream().filter(r -> r.role().equals(MEMBER)).map(Row::person).toList());
  }

  private Map<String, List<Row>> byAgency() {
    return rows.stream().collect(groupingBy(Row::agencyId, LinkedHashMap::new, toList()));
  }

  private static Map<String, List<Row>> byBranch(List<Row> agencyRows) {
    return agencyRows.stream().filter(Row::isBranch)
        .collect(groupingBy(Row::unitId, LinkedHashMap::new, toList()));
  }

  private void problem(Row row, String reason) {
    problem(row.line(), reason);
  }

  private void problem(int line, String reason) {
    problems.add(new ImportProblem(line, reason));
  }
}
