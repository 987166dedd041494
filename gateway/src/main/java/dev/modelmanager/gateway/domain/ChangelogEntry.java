package dev.modelmanager.gateway.domain;

import java.util.List;
import java.util.Map;

/**
 * One release of CHANGELOG.md: its version ({@code Unreleased} too), date when released, and its
 * sections ({@code Added}, {@code Fixed}, …) in file order.
 */
public record ChangelogEntry(String version, String date, Map<String, List<String>> sections) {}
