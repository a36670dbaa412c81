package org.onegrid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onegrid.platform.ApiException;

/** A dashboard table as a spreadsheet opens it, without the app. */
class DashboardCsvTest {

  private static DashboardService.Figures figures(String key, int reported, int closedOk) {
    int[] v = new int[25];
    v[0] = reported;
    v[4] = closedOk;
    return DashboardService.Figures.of(key, v);
  }

  private static final DashboardService.Dashboard DASHBOARD =
      new DashboardService.Dashboard(
          1,
          "二七区",
          "DISTRICT",
          List.of(),
          LocalDate.of(2026, 11, 1),
          LocalDate.of(2026, 11, 30),
          figures("", 10, 4),
          0,
          List.of(figures("sanitation", 10, 4)),
          List.of(figures("APP", 10, 4)),
          List.of(
              new DashboardService.Child(7, "=HYPERLINK(\"x\")", "STREET", figures("7", 8, 2)),
              new DashboardService.Child(8, "民主路\"街道\"", "STREET", figures("8", 2, 2))),
          List.of(),
          null);

  @Test
  void childrenAreOneQuotedLineEachWithTheirRatesAfterAByteOrderMarkAndTheHeader() {
    String csv = DashboardCsv.table(DASHBOARD, "children");
    assertThat(csv).startsWith("\uFEFF" + DashboardCsv.HEADER);
    List<String> lines = List.of(csv.substring(1).split("\r\n"));
    assertThat(lines).hasSize(3);
    // A formula is defused, quotes are doubled; closure rate 2 of 8 = 0.25.
    assertThat(lines.get(1)).startsWith("\"7\",\"'=HYPERLINK(\"\"x\"\")\",8,0,0,2,0,0.0,0.25,");
    assertThat(lines.get(2)).startsWith("\"8\",\"民主路\"\"街道\"\"\",2,0,0,2,0,0.0,1.0,");
  }

  @Test
  void anUnknownTableIsNotFound() {
    assertThatThrownBy(() -> DashboardCsv.table(DASHBOARD, "people"))
        .isInstanceOf(ApiException.class);
    assertThat(DashboardCsv.table(DASHBOARD, "category"))
        .contains("\"sanitation\",\"sanitation\",10,");
  }
}
