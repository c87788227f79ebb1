package org.gridguard.hub.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CalendarImportTest {
  @Test
  void csv_goodYearWithBom_readsEveryDate() {
    CalendarImport.Result r = CalendarImport.csv("\uFEFFdate,kind,name\r\n2026-10-01,HOLIDAY,国庆节\r\n"
        + "2026-10-10,workday,调休\r\n\r\n", 1000);
    assertThat(r.problems()).isEmpty();
    assertThat(r.days()).containsExactly(
        new CalendarDay(LocalDate.of(2026, 10, 1), DayKind.HOLIDAY, "国庆节"),
        new CalendarDay(LocalDate.of(2026, 10, 10), DayKind.WORKDAY, "调休"));
  }

  @Test
  void csv_badLines_reportedWithTheirLineNumbers() {
    CalendarImport.Result r = CalendarImport.csv("date,kind,name\n2026-02-30,HOLIDAY,x\n"
        + "2026-10-01,FREE,x\n2026-10-02,HOLIDAY\n2026-10-02,HOLIDAY,again\n", 1000);
    assertThat(r.problems()).extracting(CalendarImport.Problem::where)
        .containsExactly("line 2", "line 3", "line 5");
    assertThat(r.problems().get(0).reason()).contains("2026-02-30");
  }

  @Test
  void csv_wrongHeader_refused() {
    assertThat(CalendarImport.csv("day,type\n", 10).problems().get(0).reason())
        .contains("date,kind,name");
  }

  @Test
  void json_unknownFieldsAndTooMany_reported() {
    ObjectMapper m = new ObjectMapper();
    assertThat(CalendarImport.json("[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\",\"x\":1}]", m,
        10).problems().get(0).reason()).contains("unknown field");
    assertThat(CalendarImport.json("[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\"},"
        + "{\"date\":\"2026-01-02\",\"kind\":\"HOLIDAY\"}]", m, 1).problems().get(0).reason())
        .contains("more than 1");
    assertThat(CalendarImport.json("{}", m, 1).problems()).hasSize(1);
  }
}
