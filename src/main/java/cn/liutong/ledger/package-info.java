/**
 * The ledger (台账) read API: {@code /api/cycles…} and {@code /api/rectifications}, over the ledgers the
 * capabilities keep themselves ({@code cycle}, {@code assessment}, {@code rectification}) and filtered by
 * {@code organisation}'s {@code Visibility}. No module depends on it (ModuleStructureTest).
 */
package cn.liutong.ledger;
