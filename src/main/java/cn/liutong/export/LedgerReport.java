package cn.liutong.export;

import java.util.List;

/**
 * One 台账 as people read it, independent of the file format: who it is of (agency, cycle, branch), when it
 * was printed, and its tables in the order of the 六同 loop. A cell is a {@link String} or a {@link Number}
 * (weights and scores stay numbers in the spreadsheet); null is an empty cell.
 */
public record LedgerReport(String agencyName, String cycleName, String period, String branchName, String cycleStatus,
    String startedBy, String printedAt, List<Table> tables) {

  /** What the report covers, e.g. 预算处党支部, or every branch the reader may see. */
  public String scopeLabel() {
    return branchName != null ? branchName : "全机关（本人可查看的支部）";
  }

  /** The file name without extension: 市财政局-2026年度融合工作-预算处党支部-台账. */
  public String fileStem() {
    return String.join("-", agencyName, cycleName, branchName != null ? branchName : "全机关", "台账")
        .replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
  }

  public record Table(String title, List<String> headers, List<List<Object>> rows) {
  }
}
