package cn.liutong.organisation;

/**
 * What an import changed. All zero when the file matched what was there: a re-import writes nothing.
 *
 * @param updated names of agencies, groups or users, and kinds of branches, that the file changed
 * @param branchesDetached branches no longer in the file: out of their agency, their group kept for history
 * @param branchesReattached detached branches that are back in the file
 */
public record ImportSummary(int agenciesCreated, int usersCreated, int groupsCreated, int updated,
    int membershipsAdded, int membershipsRemoved, int branchesDetached, int branchesReattached) {
}
