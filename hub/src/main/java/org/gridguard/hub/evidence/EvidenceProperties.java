package org.gridguard.hub.evidence;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gridguard.evidence.*}.
 *
 * @param directory where evidence files are kept ({@code <gateway>/<evidence id>})
 * @param retention how long an item is kept after it arrived; then it is purged
 * @param purgeInterval how often the purge runs
 */
@Validated
@ConfigurationProperties("gridguard.evidence")
public record EvidenceProperties(
    @DefaultValue("./var/evidence") @NotNull Path directory,
    @DefaultValue("30d") @NotNull Duration retention,
    @DefaultValue("1h") @NotNull Duration purgeInterval) {}
