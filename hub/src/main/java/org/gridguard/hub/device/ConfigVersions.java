package org.gridguard.hub.device;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A gateway's desired push: its managed sections assembled from the registry and its edge
 * profile ({@link EdgeConfigAssembler}) with the real stream credentials, and the monotonic version of
 * that content ({@link GatewayConfigRepository#versionOf}). Runs outside any transaction, never on
 * an event loop.
 */
@Component
class ConfigVersions {
  private static final Logger log = LoggerFactory.getLogger(ConfigVersions.class);

  /**
   * What to push. {@code document} holds stream passwords: it goes to the session only and is
   * never logged ({@link #toString} leaves it out).
   */
  record Desired(String gatewayId, long version, String contentHash, byte[] document) {
    @Override
    public String toString() {
      return "Desired[" + gatewayId + " v" + version + ", " + document.length + " bytes]";
    }
  }

  private final DeviceRepository devices;
  private final DeviceRegistry registry;
  private final StreamCipher cipher;
  private final EdgeConfigAssembler assembler;
  private final GatewayConfigRepository rows;
  private final EdgeProfileRepository profiles;
  private final Clock clock;
  private final TransactionTemplate tx;

  ConfigVersions(DeviceRepository devices, DeviceRegistry registry, StreamCipher cipher,
      EdgeConfigAssembler assembler, GatewayConfigRepository rows,
      EdgeProfileRepository profiles, Clock clock, PlatformTransactionManager transactions) {
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.devices = devices;
    this.registry = registry;
    this.cipher = cipher;
    this.assembler = assembler;
    this.rows = rows;
    this.profiles = profiles;
    this.clock = clock;
  }

  /**
   * Assembles the gateway's configuration and returns it with its version, raised when the
   * content changed (and above {@code floor}, a version the edge already runs).
   *
   * <p>Every statement runs in a transaction of its own ({@code REQUIRES_NEW}), so this may be
   * called from an after-commit callback, whose connection no longer commits.
   *
   * @return empty when the registry cannot be assembled (the problem is stored on the row)
   */
  Optional<Desired> desired(String gatewayId, long floor) {
    if (tx.execute(status -> rows.find(gatewayId)).isEmpty()) {
      try {
        tx.executeWithoutResult(status -> rows.insert(gatewayId, clock.instant()));
      } catch (DuplicateKeyException e) {
        // another thread or instance made it first: the same row
      }
    }
    // the row lock orders assemblers of one gateway (threads, hub instances): each reads the
    // devices after the one before it stored its version, so a slow assembler of older content
    // cannot give it a newer version than the current content
    return tx.execute(status -> {
      rows.lock(gatewayId);
      EdgeConfigAssembler.Assembled assembled;
      try {
        assembled = assembler.assemble(gatewayId, devices.allOf(gatewayId),
            profiles.of(gatewayId), registry::stream,
            url -> cipher.fingerprint(url, "stream-url"), true);
      } catch (InvalidDeviceException | IllegalStateException e) {
        // a camera without a stream, a stream the key cannot decrypt: the message names the
        // device, never the secret
        log.warn("config of gateway {} cannot be assembled: {}", gatewayId, e.getMessage());
        rows.assemblyProblem(gatewayId, e.getMessage());
        return Optional.<Desired>empty();
      }
      long version = rows.versionOf(gatewayId, assembled.version(), floor, clock.instant());
      return Optional.of(new Desired(gatewayId, version, assembled.version(),
          assembled.yaml().getBytes(StandardCharsets.UTF_8)));
    });
  }
}
