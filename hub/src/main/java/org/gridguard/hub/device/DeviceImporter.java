package org.gridguard.hub.device;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridguard.hub.gateway.Gateway;
import org.gridguard.hub.grid.CsvReader;
import org.gridguard.hub.security.HubPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * CSV bulk import of a gateway's devices ({@link DeviceCsv}): every row is checked first, with a
 * problem per bad row (line, column, reason); only when there is none, and it is not a dry run,
 * are the rows stored, new ones created and changed ones updated, in the caller's transaction.
 */
@Component
class DeviceImporter {
  private static final int MAX_FIELD_CHARS = 32_000;

  private final DeviceRegistry registry;
  private final DeviceRepository devices;
  private final DeviceProperties config;

  DeviceImporter(DeviceRegistry registry, DeviceRepository devices, DeviceProperties config) {
    this.registry = registry;
    this.devices = devices;
    this.config = config;
  }

  private record Planned(Device before, DeviceRegistry.Checked checked) {}

  DeviceImportReport importCsv(HubPrincipal caller, String address, Gateway gateway, Reader in,
      boolean dryRun) {
    return importCsv(caller, address, gateway, in, dryRun, ImportProgress.NONE);
  }

  DeviceImportReport importCsv(HubPrincipal caller, String address, Gateway gateway, Reader in,
      boolean dryRun, ImportProgress progress) {
    List<DeviceImportReport.Problem> problems = new ArrayList<>();
    long[] problemCount = {0};
    java.util.function.Consumer<DeviceImportReport.Problem> problem = p -> {
      problemCount[0]++;
      if (problems.size() < config.importMaxProblems()) {
        problems.add(p);
      }
    };
    List<Planned> plan = new ArrayList<>();
    int rows = 0;
    try {
      CsvReader csv = new CsvReader(in, MAX_FIELD_CHARS, DeviceCsv.COLUMNS.size() + 1);
      CsvReader.Row header = csv.next();
      if (header == null) {
        return report(false, dryRun, 0, List.of(), List.of(
            new DeviceImportReport.Problem(null, null, "empty file; the header is "
                + DeviceCsv.HEADER)), 1);
      }
      List<String> names = header.fields().stream().map(String::strip).toList();
      for (String name : names) {
        if (!DeviceCsv.COLUMNS.contains(name)) {
          problem.accept(new DeviceImportReport.Problem(header.line(), name,
              "unknown column; the columns are " + DeviceCsv.HEADER));
        }
      }
      for (String required : DeviceCsv.REQUIRED) {
        if (!names.contains(required)) {
          problem.accept(new DeviceImportReport.Problem(header.line(), required,
              "required column missing"));
        }
      }
      if (problemCount[0] > 0) {
        return report(false, dryRun, 0, List.of(), problems, problemCount[0]);
      }
      Set<String> seen = new HashSet<>();
      for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
        rows++;
        if (rows > config.maxImportRows()) {
          problem.accept(new DeviceImportReport.Problem(row.line(), null, "more than "
              + config.maxImportRows() + " rows (gridguard.device.max-import-rows); split the file"));
          break;
        }
        if (row.fields().size() != names.size()) {
          problem.accept(new DeviceImportReport.Problem(row.line(), null, "has "
              + row.fields().size() + " fields, the header " + names.size()));
          continue;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          values.put(names.get(i), row.fields().get(i));
        }
        try {
          DeviceInput input = DeviceCsv.input(values);
          if (input.deviceId() != null && !seen.add(input.deviceId())) {
            throw new InvalidDeviceException("deviceId", "'" + input.deviceId()
                + "' is in the file twice");
          }
          Device before = input.deviceId() == null ? null
              : devices.find(gateway.id(), input.deviceId()).orElse(null);
          if (before != null && !caller.scope().covers(before.gridCode())) {
            throw new InvalidDeviceException("deviceId", "exists in grid " + before.gridCode()
                + ", outside your grid scope");
          }
          DeviceRegistry.Checked checked = registry.check(gateway, input, before);
          registry.checkGrid(caller, checked.device());
          plan.add(new Planned(before, checked));
        } catch (InvalidDeviceException e) {
          problem.accept(new DeviceImportReport.Problem(row.line(), e.field(), e.reason()));
        } catch (ResponseStatusException e) {
          problem.accept(new DeviceImportReport.Problem(row.line(), "gridCode", e.getReason()));
        }
        progress.checked(rows);
      }
    } catch (CsvReader.CsvFormatException e) {
      problem.accept(new DeviceImportReport.Problem(e.line(), null, e.reason()));
      return report(false, dryRun, rows, List.of(), problems, problemCount[0]);
    } catch (IOException e) {
      problem.accept(new DeviceImportReport.Problem(null, null, "cannot read the input: "
          + e.getMessage()));
      return report(false, dryRun, rows, List.of(), problems, problemCount[0]);
    }
    boolean store = !dryRun && problemCount[0] == 0;
    if (store) {
      int done = 0;
      for (Planned p : plan) {
        if (p.before() == null) {
          registry.create(caller, address, p.checked());
        } else if (changed(p)) {
          registry.update(caller, address, p.before(), p.checked());
        }
        progress.stored(++done, plan.size());
      }
    }
    return report(store, dryRun, rows, plan, problems, problemCount[0]);
  }

  private static boolean changed(Planned p) {
    return p.checked().stream() != null || !p.checked().device().equals(p.before());
  }

  private static DeviceImportReport report(boolean stored, boolean dryRun, int rows,
      List<Planned> plan, List<DeviceImportReport.Problem> problems, long count) {
    int created = (int) plan.stream().filter(p -> p.before() == null).count();
    int updated = (int) plan.stream().filter(p -> p.before() != null && changed(p)).count();
    int unchanged = plan.size() - created - updated;
    return new DeviceImportReport(stored, dryRun, rows, created, updated, unchanged, problems,
        count);
  }
}
