package cn.liutong.organisation;

import java.util.Set;

/**
 * An organisation import has committed: the people of these agencies may have left or moved branch, so whatever
 * follows the organisation (open tasks held by someone who left) can follow at once.
 */
public record OrganisationImported(Set<String> agencyIds) {
}
