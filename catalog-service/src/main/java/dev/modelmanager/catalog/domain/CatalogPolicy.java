package dev.modelmanager.catalog.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform team's rules for approved models ({@code mm.catalog.policy.*}).
 *
 * @param allowedLicenses SPDX ids and Hugging Face license tags, compared ignoring case
 * @param allowGated whether gated models may be approved
 * @param allowedOrgs Hugging Face orgs allowed; empty allows all
 */
public record CatalogPolicy(
    Set<String> allowedLicenses, boolean allowGated, List<String> allowedOrgs) {
  public static final String CHECK = "policy";

  public CatalogPolicy {
    allowedLicenses =
        allowedLicenses.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    allowedOrgs = List.copyOf(allowedOrgs);
  }

  /**
   * The {@code policy} results for a model.
   *
   * @param entryLicense the entry's {@code license}, may be null
   * @param hubLicense the license the Hub shows, null when unknown
   * @param gated the Hub's gating ({@code false}, {@code auto}, {@code manual}), null when unknown
   */
  public List<CheckResult> check(
      String hfModelId, String entryLicense, String hubLicense, String gated) {
    String org = hfModelId.substring(0, hfModelId.indexOf('/'));
    if (!allowedOrgs.isEmpty() && allowedOrgs.stream().noneMatch(o -> o.equalsIgnoreCase(org))) {
      return List.of(
          CheckResult.fail(
              CHECK,
              "rule allowed-orgs: the org '" + org + "' is not one of " + allowedOrgs,
              "/hfModelId"));
    }
    if (!allowGated && gated != null && !"false".equals(gated)) {
      return List.of(
          CheckResult.fail(
              CHECK, "rule allow-gated: " + hfModelId + " is gated (" + gated + ")", "/hfModelId"));
    }
    String license = entryLicense != null ? entryLicense : hubLicense;
    if (license == null) {
      return List.of(
          CheckResult.warn(CHECK, "no license known: set license in the entry to check it"));
    }
    if (!allowedLicenses.contains(license.toLowerCase(Locale.ROOT))) {
      return List.of(
          CheckResult.fail(
              CHECK,
              "rule allowed-licenses: the license '"
                  + license
                  + "' is not allowed (allowed: "
                  + String.join(", ", allowedLicenses.stream().sorted().toList())
                  + ")",
              "/license"));
    }
    if (entryLicense != null && hubLicense != null && !entryLicense.equalsIgnoreCase(hubLicense)) {
      return List.of(
          CheckResult.warn(
              CHECK,
              "the entry says license '"
                  + entryLicense
                  + "' but the Hub shows '"
                  + hubLicense
                  + "'"));
    }
    return List.of(CheckResult.pass(CHECK, "license '" + license + "' is allowed"));
  }
}
