package org.gridguard.hub.grid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.gridguard.hub.audit.AuditEntry;
import org.gridguard.hub.audit.AuditLog;
import org.gridguard.hub.security.GridScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Changes to single grid nodes, each in one transaction with its audit line. A node outside the
 * caller's scope is answered 404 as if it did not exist.
 */
@Service
class GridEditor {
  /** Who asks: for scope checks and the audit line. */
  record Caller(String username, String address, GridScope scope) {}

  private final GridRepository repository;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final GridProperties limits;

  GridEditor(GridRepository repository, AuditLog audit, PlatformTransactionManager transactions,
      ObjectMapper json, GridProperties limits) {
    this.repository = repository;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.json = json;
    this.limits = limits;
  }

  GridNode create(GridNode node, Caller caller) {
    return tx.execute(s -> {
      if (node.isCounty()) {
        if (!caller.scope().global()) {
          throw new ResponseStatusException(HttpStatus.FORBIDDEN,
              "only an administrator with global scope may create a county");
        }
      } else if (repository.find(node.parentCode(), caller.scope()).isEmpty()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "parent grid node "
            + node.parentCode() + " not found (it must exist and be inside your grid scope)");
      }
      try {
        repository.insert(node);
      } catch (DuplicateKeyException e) {
        throw new ResponseStatusException(HttpStatus.CONFLICT,
            "grid node " + node.code() + " already exists");
      }
      audit.record(entry(caller, "grid.create", node.code()).withChange(null, state(node)));
      return node;
    });
  }

  GridNode update(String code, String name, String polygon, Caller caller) {
    return tx.execute(s -> {
      GridNode before = visible(code, caller);
      GridNode after;
      try {
        after = new GridNode(code, before.level(), name == null ? null : name.strip(),
            before.parentCode(), polygon);
      } catch (InvalidGridNodeException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
      }
      repository.update(code, after.name(), after.polygon());
      audit.record(entry(caller, "grid.update", code).withChange(state(before), state(after)));
      return after;
    });
  }

  void delete(String code, Caller caller) {
    tx.executeWithoutResult(s -> {
      GridNode node = visible(code, caller);
      int children = repository.childCount(code);
      if (children > 0) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "grid node " + code + " has "
            + children + " child node(s); delete or move them first");
      }
      int users = repository.scopeUserCount(code);
      if (users > 0) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "grid node " + code + " is in "
            + "the grid scope of " + users + " user(s); change their scope first");
      }
      repository.delete(code);
      audit.record(entry(caller, "grid.delete", code).withChange(state(node), null));
    });
  }

  /** Sets (or, with null, clears) the leader; returns the new leader's username. */
  Optional<String> setLeader(String code, String username, Caller caller) {
    return tx.execute(s -> {
      visible(code, caller);
      Optional<String> before = repository.leader(code, caller.scope());
      Long id = null;
      String leader = username == null || username.isBlank() ? null : username.strip();
      if (leader != null) {
        id = repository.userIds(List.of(leader)).get(leader);
        if (id == null) {
          throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown user '" + leader + "'");
        }
      }
      repository.setLeader(code, id);
      audit.record(entry(caller, "grid.leader", code).withChange(
          write(Map.of("leader", before.orElse(""))), write(Map.of("leader",
              leader == null ? "" : leader))));
      return Optional.ofNullable(leader);
    });
  }

  /** Replaces the members; returns them sorted. */
  List<String> setMembers(String code, List<String> usernames, Caller caller) {
    if (usernames == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "usernames missing");
    }
    TreeSet<String> wanted = new TreeSet<>();
    for (String u : usernames) {
      if (u == null || u.isBlank()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "usernames: blank entry");
      }
      wanted.add(u.strip());
    }
    if (wanted.size() > limits.maxMembers()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "at most " + limits.maxMembers()
          + " members per grid node (gridguard.grid.max-members), found " + wanted.size());
    }
    return tx.execute(s -> {
      visible(code, caller);
      List<String> before = repository.members(code, caller.scope());
      Map<String, Long> ids = repository.userIds(wanted);
      List<String> unknown = wanted.stream().filter(u -> !ids.containsKey(u)).toList();
      if (!unknown.isEmpty()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown user(s): "
            + String.join(", ", unknown));
      }
      repository.setMembers(code, ids.values());
      List<String> after = new ArrayList<>(wanted);
      audit.record(entry(caller, "grid.members", code).withChange(
          write(Map.of("members", before)), write(Map.of("members", after))));
      return after;
    });
  }

  private GridNode visible(String code, Caller caller) {
    return repository.find(code, caller.scope()).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no grid node " + code));
  }

  private static AuditEntry entry(Caller caller, String action, String code) {
    return AuditEntry.success(caller.username(), caller.address(), action, "grid", code);
  }

  /** The audited state: the polygon only as a digest (it may be far larger than an audit line). */
  private String state(GridNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", n.code());
    m.put("level", n.level().name());
    m.put("name", n.name());
    m.put("parent", n.parentCode());
    m.put("polygonSha256", n.polygon() == null ? null : sha256(n.polygon()));
    return write(m);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
