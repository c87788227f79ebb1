package org.gridguard.hub.device;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.List;

/**
 * A door / access controller: its channels (doors it controls) and the edge's door rules.
 *
 * @param doorHeldOpen alarm when a door stays open this long (edge {@code door_held_open})
 * @param expectedInterval the controller reports at least this often (heartbeats); null = the
 *     hub's default
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DoorSettings(List<Channel> channels, String doorHeldOpen, String expectedInterval)
    implements DeviceSettings {
  /** One door of the controller: the channel as the controller reports it, and a name. */
  record Channel(String channel, String name) {
    Channel {
      channel = Checks.requiredText(channel, "channel", 32);
      name = Checks.optionalText(name, "name", 128);
    }
  }

  DoorSettings {
    channels = channels == null ? List.of() : List.copyOf(channels);
    if (channels.size() > 64) {
      throw new InvalidDeviceException("channels", "at most 64 channels");
    }
    if (channels.stream().map(Channel::channel).distinct().count() != channels.size()) {
      throw new InvalidDeviceException("channels", "channel ids must be unique");
    }
    Checks.duration(doorHeldOpen, "door_held_open", Duration.ofSeconds(1), Duration.ofDays(7));
    Checks.duration(expectedInterval, "expected_interval", Duration.ofSeconds(1),
        Duration.ofDays(7));
  }
}
