package org.gridguard.hub.console;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.console.*}: the command console and the patrol page.
 *
 * @param tileUrl a Leaflet tile URL template ({@code https://tiles.example/{z}/{x}/{y}.png}); empty
 *     (the default, as on most governance networks) draws the schematic map from the grid
 *     polygons alone
 * @param tileAttribution the attribution shown with the tiles
 * @param pageSize incidents per page of the queue
 * @param maxStreams live-feed streams open at once on this instance; one more is answered 503
 * @param streamQueue events waiting per stream; a stream that falls this far behind is closed (its
 *     browser reconnects and reloads the list) and counted in
 *     {@code gridguard_console_feed_dropped_total}
 * @param streamTimeout a stream is closed after this long and the browser reconnects (keeps
 *     Tomcat's async requests bounded)
 * @param heartbeat how often an idle stream gets a comment line (proxies, dead-client detection)
 * @param rememberMe how long "stay signed in on this phone" lasts without use; 0 turns it off
 * @param mapMaxGrids at most this many grid polygons are drawn on the map
 */
@Validated
@ConfigurationProperties("gridguard.console")
public record ConsoleProperties(
    @DefaultValue("") @NotNull String tileUrl,
    @DefaultValue("") @NotNull String tileAttribution,
    @DefaultValue("20") @Min(5) @Max(200) int pageSize,
    @DefaultValue("500") @Min(1) @Max(20_000) int maxStreams,
    @DefaultValue("64") @Min(1) @Max(10_000) int streamQueue,
    @DefaultValue("30m") @NotNull Duration streamTimeout,
    @DefaultValue("15s") @NotNull Duration heartbeat,
    @DefaultValue("30d") @NotNull Duration rememberMe,
    @DefaultValue("2000") @Min(1) @Max(100_000) int mapMaxGrids) {
  public ConsoleProperties {
    if (tileUrl != null && !tileUrl.isEmpty()
        && !(tileUrl.contains("{z}") && tileUrl.contains("{x}") && tileUrl.contains("{y}"))) {
      throw new IllegalArgumentException("gridguard.console.tile-url must contain {z}, {x} and {y}"
          + " (a Leaflet tile template), or be empty for the schematic map; was '" + tileUrl + "'");
    }
    if (heartbeat != null && heartbeat.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("gridguard.console.heartbeat must be at least 1s, was "
          + heartbeat);
    }
    if (streamTimeout != null && heartbeat != null && streamTimeout.compareTo(heartbeat) <= 0) {
      throw new IllegalArgumentException("gridguard.console.stream-timeout (" + streamTimeout
          + ") must be longer than gridguard.console.heartbeat (" + heartbeat + ")");
    }
    if (rememberMe != null && (rememberMe.isNegative() || rememberMe.compareTo(Duration.ofDays(400)) > 0)) {
      throw new IllegalArgumentException("gridguard.console.remember-me must be 0 (off) to 400d, was "
          + rememberMe);
    }
  }
}
