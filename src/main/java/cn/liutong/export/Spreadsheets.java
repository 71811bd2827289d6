package cn.liutong.export;

import java.util.List;

import cn.liutong.export.LedgerExport.Download;
import cn.liutong.export.LedgerReport.Table;

/**
 * The 台账's spreadsheet writer for other reports (the city committee's results of all agencies): the same
 * cover sheet, header rows, numbers as numbers and inert formula look-alikes as the 台账 itself.
 */
public final class Spreadsheets {

  private Spreadsheets() {
  }

  /**
   * A workbook to download as {@code fileStem.xlsx}: a cover sheet with a title and label/value lines, then one
   * sheet per table.
   */
  public static Download xlsx(String fileStem, String coverTitle, List<List<String>> coverLines, List<Table> tables) {
    return new Download(LedgerXlsx.write(fileStem, coverTitle, coverLines, tables),
        LedgerExport.Format.XLSX.contentType(), LedgerExport.contentDisposition(fileStem + ".xlsx"));
  }
}
