package org.gridguard.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gridguard.hub.grid.GridNode;
import org.gridguard.hub.grid.GridOutlines;
import org.gridguard.hub.incident.IncidentQuery;
import org.gridguard.hub.incident.IncidentService;
import org.gridguard.hub.incident.IncidentState;
import org.gridguard.hub.incident.IncidentView;
import org.gridguard.hub.security.HubPrincipal;
import org.gridguard.hub.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The map: grid outlines from the hierarchy as GeoJSON, the open incidents coloured by
 * priority and the registered devices coloured by health (with a list for the keyboard), drawn by a small Leaflet island ({@code assets/map.js}). With no tile URL configured
 * (the usual case on a governance network) the map is schematic: outlines on a plain background.
 * Coordinates are WGS-84 as stored; tiles must be WGS-84 too (GCJ-02 tiles would shift by
 * hundreds of metres).
 */
@Controller
class MapPages {
  private static final Logger log = LoggerFactory.getLogger(MapPages.class);
  /** Open incidents drawn per state, newest first. */
  static final int PER_STATE = 200;
  static final List<IncidentState> OPEN = List.of(IncidentState.REPORTED,
      IncidentState.VERIFYING, IncidentState.REGISTERED, IncidentState.DISPATCHED,
      IncidentState.ACCEPTED, IncidentState.IN_PROGRESS, IncidentState.RESOLVED,
      IncidentState.CHECKING, IncidentState.SUSPENDED);

  /** Who may read the device registry (as its REST API: DeviceController.READERS). */
  static final String DEVICE_READERS = "hasAnyRole('ADMIN','TECHNICIAN','DISPATCHER','VIEWER')";
  private static final java.util.Set<Role> DEVICE_ROLES =
      java.util.EnumSet.of(Role.ADMIN, Role.TECHNICIAN, Role.DISPATCHER, Role.VIEWER);

  private final GridOutlines grids;
  private final IncidentService incidents;
  private final MapDevices devices;
  private final ConsoleProperties config;
  private final ObjectMapper json;

  MapPages(GridOutlines grids, IncidentService incidents, MapDevices devices,
      ConsoleProperties config, ObjectMapper json) {
    this.grids = grids;
    this.incidents = incidents;
    this.devices = devices;
    this.config = config;
    this.json = json;
  }

  @GetMapping("/console/map")
  @PreAuthorize("isAuthenticated()")
  String page(@AuthenticationPrincipal HubPrincipal me, Model model) {
    model.addAttribute("tileUrl", config.tileUrl());
    model.addAttribute("tileAttribution", config.tileAttribution());
    model.addAttribute("showIncidents", !(me.roles().size() == 1 && me.has(Role.TECHNICIAN)));
    model.addAttribute("showDevices", me.roles().stream().anyMatch(DEVICE_ROLES::contains));
    return "console/map";
  }

  /** The grid nodes of the reader's scope with their polygons (FeatureCollection). */
  @GetMapping("/console/map/grids.json")
  @PreAuthorize("isAuthenticated()")
  @ResponseBody
  JsonNode grids(@AuthenticationPrincipal HubPrincipal me) {
    ObjectNode collection = json.createObjectNode().put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    for (GridNode node : grids.inScope(me.scope(), config.mapMaxGrids())) {
      if (node.polygon() == null) {
        continue;
      }
      ObjectNode feature = features.addObject().put("type", "Feature");
      feature.putObject("properties").put("code", node.code()).put("name", node.name())
          .put("level", node.level().name());
      try {
        feature.set("geometry", json.readTree(node.polygon()));
      } catch (java.io.IOException e) {
        log.warn("grid {} has an unreadable polygon; left off the map", node.code());
        features.remove(features.size() - 1);
      }
    }
    return collection;
  }

  /** A marker of the map. */
  record Marker(long id, int priority, String state, String title, String gridCode, Double lat,
      Double lon) {}

  @GetMapping("/console/map/incidents.json")
  @PreAuthorize(Navigation.READERS)
  @ResponseBody
  List<Marker> incidents(@AuthenticationPrincipal HubPrincipal me) {
    List<Marker> markers = new ArrayList<>();
    for (IncidentState state : OPEN) {
      for (IncidentView i : incidents.list(me, new IncidentQuery(state, null, null, null, null,
          null, 0, PER_STATE)).items()) {
        markers.add(new Marker(i.id(), i.priority(), i.state().name(), i.title(), i.gridCode(),
            i.lat(), i.lon()));
      }
    }
    return markers;
  }

  /**
   * The registered devices with a place in the reader's scope, coloured by health on the map and
   * listed beside it ({@code cut}: more than the map draws).
   */
  @GetMapping("/console/map/devices.json")
  @PreAuthorize(DEVICE_READERS)
  @ResponseBody
  MapDevices.Markers devices(@AuthenticationPrincipal HubPrincipal me) {
    return devices.of(me);
  }
}
