/**
 * The 台账 on paper and in a spreadsheet: a cycle's ledger for one agency or one branch as {@code .xlsx}
 * and as a printable A4 PDF with an embedded Chinese font, under the ledger's visibility rules. Imports
 * {@code organisation}, {@code cycle}, {@code assessment}, {@code rectification} and
 * {@code system}; used by {@code dashboard} (the Cockpit buttons) and offered in {@code /api}.
 */
package cn.liutong.export;
