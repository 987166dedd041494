package dev.modelmanager.gateway.notify.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a caller sets on a channel (create or replace). */
public record ChannelInput(
    String name,
    ChannelType type,
    String target,
    List<String> events,
    Severity minSeverity,
    Map<String, String> filters,
    boolean enabled,
    Duration digest) {}
