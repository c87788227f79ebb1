package org.gridguard.edge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One mapping: messages on {@code topic} whose payload satisfies every {@code when} condition
 * (path → {@link Condition}) become a telemetry record (if any reading is configured and found)
 * and/or a device event (if {@code event} is configured and present). {@code layouts} are the
 * binary fields (base64/hex) whose declared bytes become further readings, after
 * {@code readings} and before the {@code readingList}. {@code rulesProfile} (null = none)
 * names the {@code rules.device_types} entry whose rules the devices this rule maps get, over
 * those of their own device type.
 */
record MappingRule(String name, TopicFilter topic, Map<JsonPath, Condition> when,
    ValueSource deviceType, ValueSource deviceId, TimestampSpec timestamp, EventSpec event,
    List<ReadingSpec> readings, ReadingListSpec readingList, List<ByteLayout> layouts,
    String rulesProfile) {

  MappingRule {
    Objects.requireNonNull(name);
    Objects.requireNonNull(topic);
    when = Map.copyOf(when);
    Objects.requireNonNull(deviceType);
    Objects.requireNonNull(deviceId);
    readings = List.copyOf(readings);
    layouts = List.copyOf(layouts);
    if (event == null && readings.isEmpty() && readingList == null && layouts.isEmpty()) {
      throw new IllegalArgumentException("rule '" + name + "' maps neither an event nor readings");
    }
  }
}
