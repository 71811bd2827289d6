package cn.liutong.organisation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.liutong.organisation.Organisation.Agency;
import cn.liutong.organisation.Organisation.Branch;
import cn.liutong.organisation.Organisation.BranchKind;
import cn.liutong.organisation.Organisation.Person;

/** The file format itself: quoting, encodings, line numbers, and the model a file becomes. */
class OrganisationCsvTest {

  static final String HEADER = String.join(",", OrganisationCsv.COLUMNS) + "\n";

  /** Nothing exists yet. */
  static final OrganisationCsv.Existing EMPTY = new OrganisationCsv.Existing() {
    @Override
    public Map<String, Set<String>> agenciesOfUsers(Collection<String> userIds) {
      return Map.of();
    }

    @Override
    public OrganisationCsv.ExistingGroup group(String groupId) {
      return null;
    }

    @Override
    public String agencyOfBranch(String branchId) {
      return null;
    }

    @Override
    public boolean isAdministrator(String userId) {
      return "admin".equals(userId);
    }
  };

  static final String AGENCY = """
      a1,第一局,committee,,第一局机关党委,com,委员,member
      a1,第一局,partyGroup,,第一局党组,lead,书记,member
      a1,第一局,branch,b1,一处党支部,sec,支书,secretary
      """;

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaksBetweenFields() {
    String csv = "\uFEFF" + HEADER.replace("\n", "\r\n") + AGENCY.replace("\n", "\r\n")
        + "a1,第一局,jointBranch,b2,\"综合处,后勤处\"\"联合\"\"党支部\",sec2,书记二,secretary\r\n"
        + "a1,第一局,temporaryBranch,b3,项目临时党组织,sec3,书记三,\"secretary\"";

    Organisation organisation = read(csv.getBytes(UTF_8));

    Agency agency = organisation.agencies().get(0);
    assertThat(agency.committee().people()).containsExactly(new Person("com", "委员"));
    assertThat(agency.branches()).extracting(Branch::id, Branch::name, Branch::kind).containsExactly(
        tuple("b1", "一处党支部", BranchKind.BRANCH),
        tuple("b2", "综合处,后勤处\"联合\"党支部", BranchKind.JOINT_BRANCH),
        tuple("b3", "项目临时党组织", BranchKind.TEMPORARY_BRANCH));
  }

  @Test
  void columnsMayComeInAnyOrderAndBlankLinesAreSkipped() {
    String csv = "role,user_name,user_id,unit_name,unit_id,unit_type,agency_name,agency_id\n\n"
        + "member,委员,com,第一局机关党委,,committee,第一局,a1\n"
        + "member,书记,lead,第一局党组,,partyGroup,第一局,a1\n"
        + ",,,,,,,\n"
        + "secretary,支书,sec,一处党支部,b1,branch,第一局,a1\n";

    assertThat(read(csv.getBytes(UTF_8)).agencies().get(0).branches().get(0).secretaries())
        .containsExactly(new Person("sec", "支书"));
  }

  @Test
  void aTemporaryPartyOrganisationComesOnTopOfTheHomeBranch() {
    String csv = HEADER + AGENCY + "a1,第一局,temporaryBranch,b3,项目临时党组织,sec,支书,secretary\n";

    assertThat(read(csv.getBytes(UTF_8)).agencies().get(0).branches()).hasSize(2);
  }

  @Test
  void everyProblemIsReportedWithTheLineItStartsOn() {
    String csv = HEADER + AGENCY
        + "a1,第一局,branch,b1,一处党支部,m-1,党员,member\n"             // line 5
        + "a1,第一局,branch,b1,\"一处\n党支部\",m2,党员,member\n"          // lines 6-7
        + "a1,第一局,branch,b1,一处党支部,m3,党员,chair\n";              // line 8

    var problems = problems(csv.getBytes(UTF_8));

    assertThat(problems).extracting(ImportProblem::toString).containsExactly(
        "第5行：用户ID“m-1”只能包含字母和数字",
        "第6行：单位名称“一处?党支部”含有控制字符（如换行、制表符）",
        "第8行：未知的角色“chair”（党支部可选：secretary 书记/支委、member 党员）");
  }

  @Test
  void aFileInAnotherEncodingIsRefusedAtItsFirstForeignLine() {
    byte[] gbk = (HEADER + AGENCY).getBytes(Charset.forName("GBK"));

    assertThat(problems(gbk)).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(2);
      assertThat(problem.reason()).startsWith("文件不是UTF-8编码");
    });
  }

  @Test
  void aBadRowDoesNotReappearAsAMissingSecretary() {
    String csv = HEADER + AGENCY.replace("sec,支书,secretary", "sec,支书,secretry");

    assertThat(problems(csv.getBytes(UTF_8))).extracting(ImportProblem::line).containsExactly(4);
  }

  @Test
  void hiddenCharactersAndFormulasAreRefused() {
    String csv = HEADER + AGENCY
        + "a1,第一局,branch,b1,一处党支部,m1,\u202e党员,member\n"              // line 5: right-to-left override
        + "a1,第一局,branch,b1,一处党支部,m2,党\u200b员,member\n"              // line 6: zero-width space
        + "a1,第一局,branch,b1,一处党支部,m3,=HYPERLINK(\"x\"),member\n"      // line 7
        + "a1,第一局,branch,b1,一处党支部,m4,@SUM(A1),member\n";                // line 8

    assertThat(problems(csv.getBytes(UTF_8))).extracting(ImportProblem::toString).containsExactly(
        "第5行：姓名含有文字方向控制符",
        "第6行：姓名含有零宽字符",
        "第7行：姓名不能以 = + - @ 开头",
        "第8行：姓名不能以 = + - @ 开头");
  }

  @Test
  void anAdministratorIsNotTouchedByAnImport() {
    String csv = HEADER + AGENCY + "a1,第一局,branch,b1,一处党支部,admin,冒名者,member\n";

    assertThat(problems(csv.getBytes(UTF_8))).extracting(ImportProblem::toString)
        .containsExactly("第5行：用户ID“admin”是系统管理员：导入不能修改系统管理员");
  }

  private static Organisation read(byte[] csv) {
    return OrganisationCsv.read(csv, EMPTY);
  }

  private static List<ImportProblem> problems(byte[] csv) {
    return catchThrowableOfType(InvalidOrganisationException.class, () -> read(csv)).problems();
  }
}
