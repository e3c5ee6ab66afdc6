package io.dispatchgateway.gateway.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KpiCsvTest {

    record Row(String territory, Double share, Integer jobs) {}

    @Test
    void aTextCellAspreadsheetWouldRunAsAFormulaIsEscaped() {
        String csv = KpiController.csv(List.of(new Row("=1+2", -0.5, -3), new Row("@SUM(A1)", 0.25, 2),
                new Row("+cmd|' /C calc'!A0", null, null), new Row("-2+3", 1.0, 1), new Row("\tTab", 0.0, 0),
                new Row("north, east", 0.5, 4), new Row("x\r=HYPERLINK(1)", 0.5, 5)), Row.class);

        assertThat(csv.split("\r\n")).containsExactly("territory,share,jobs", "'=1+2,-0.5000,-3",
                "'@SUM(A1),0.2500,2", "'+cmd|' /C calc'!A0,,", "'-2+3,1.0000,1", "'\tTab,0.0000,0",
                "\"north, east\",0.5000,4", "\"x\r=HYPERLINK(1)\",0.5000,5");
    }
}
