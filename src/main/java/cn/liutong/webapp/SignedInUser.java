package cn.liutong.webapp;

import java.util.Map;

/**
 * A signed-in person as the webapps show them: names, never ids, and what the Tasklist offers them.
 *
 * @param userId the login, for the scripts only (never displayed)
 * @param name the person's name, e.g. 陈静
 * @param agencyName the agency, e.g. 市财政局; empty for the administrator
 * @param unit the person's own unit, e.g. 预算处党支部
 * @param role the role in that unit, e.g. 支部书记
 * @param header what the Tasklist header says, e.g. 市财政局 · 预算处党支部 · 支部书记
 * @param agencies the names of the person's agencies by tenant id, to show names where Camunda shows ids
 * @param people the names of the people of those agencies by user id, for the same reason
 * @param mayStartProcess whether at least one process may be started from Tasklist (启动流程)
 * @param mayCreateTask whether standalone tasks may be created (创建任务)
 */
public record SignedInUser(String userId, String name, String agencyName, String unit, String role, String header,
    Map<String, String> agencies, Map<String, String> people, boolean mayStartProcess, boolean mayCreateTask) {
}
