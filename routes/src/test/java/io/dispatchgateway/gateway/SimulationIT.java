package io.dispatchgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.gateway.simulation.RunResult;
import io.dispatchgateway.gateway.simulation.Scenario;
import io.dispatchgateway.gateway.simulation.Simulate;
import io.dispatchgateway.gateway.simulation.SimulationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The simulation end to end: a morning of 60 jobs through the whole gateway on its virtual clock (the routes,
 * stages, SLA monitor, optimizer, simulated technicians and dispatchers), twice with one seed, once with another
 * and once as the nearest-free baseline; then the report, read as JSON and CSV and seen in a browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationIT {

    private static final Path SCENARIO = Path.of("src", "test", "resources", "simulation", "small-morning.yml");
    private static final Path REPORT = Path.of("target", "simulation-it", "report.html");

    private List<RunResult> runs;

    @BeforeAll
    void simulate() {
        Simulate.Options twice = new Simulate.Options(SCENARIO, null, List.of(Simulate.CONFIGURED), 1, 11, REPORT, null,
                Map.of());
        RunResult first = Simulate.run(twice).get(0);
        RunResult again = Simulate.run(twice).get(0);
        Simulate.Options others = new Simulate.Options(SCENARIO, null, List.of(Simulate.CONFIGURED, Simulate.NEAREST_FREE),
                1, 12, REPORT, null, Map.of());
        List<RunResult> more = Simulate.run(others);
        runs = List.of(first, again, more.get(0), more.get(1));
        SimulationReport.write(REPORT, Scenario.read(SCENARIO), List.of(first, more.get(0), more.get(1)));
    }

    @Test
    void everyJobIsDecidedAndWorkedThroughTheGateway() {
        RunResult run = runs.get(0);
        assertThat(run.kpis().jobs()).isEqualTo(60);
        // The technicians worked the plans: most jobs are completed by the end of the day.
        assertThat(run.kpis().completed()).isGreaterThan(50);
        assertThat(run.kpis().slaAttainment()).isGreaterThan(0.5);
        assertThat(run.kpis().travelPerJob()).isPositive();
        assertThat(run.kpis().firstTimeFix()).isBetween(0.75, 1.0);
        assertThat(run.load().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(run.kpis().completed());
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameKpisToTheLastDigit() {
        RunResult first = runs.get(0);
        RunResult again = runs.get(1);

        assertThat(again.kpis()).isEqualTo(first.kpis());
        assertThat(again.slaByHour()).usingRecursiveComparison().isEqualTo(first.slaByHour());
        assertThat(again.travel()).isEqualTo(first.travel());
        assertThat(again.load()).isEqualTo(first.load());
        assertThat(again.events()).isEqualTo(first.events());
        // Another seed is another morning.
        assertThat(runs.get(2).kpis()).isNotEqualTo(first.kpis());
    }

    @Test
    void theNearestFreeBaselineSendsEveryJobThroughADispatcher() {
        RunResult baseline = runs.get(3);

        assertThat(baseline.variant()).isEqualTo(Simulate.NEAREST_FREE);
        assertThat(baseline.kpis().jobs()).isEqualTo(60);
        assertThat(baseline.kpis().approvalShare()).isEqualTo(1.0);
        assertThat(runs.get(2).kpis().approvalShare()).isLessThan(1.0);
    }

    @Test
    void theReportHoldsEveryRunAsJsonAndCsvAndTheSummaryForAManager() throws Exception {
        JsonNode json = new ObjectMapper().readTree(REPORT.resolveSibling("report.json").toFile());
        assertThat(json.path("runs")).hasSize(3);
        assertThat(json.at("/summary/configured/sla-attainment/delta").isNumber()).isTrue();
        assertThat(json.at("/summary/nearest-free/sla-attainment/delta").isNull()).isTrue();

        List<String> csv = Files.readAllLines(REPORT.resolveSibling("report.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("variant,seed,jobs,completed,sla-attainment");
        assertThat(csv.get(1)).startsWith("configured,11,60,");
        assertThat(csv.get(3)).startsWith("nearest-free,12,60,");

        String html = Files.readString(REPORT);
        assertThat(html).contains("KPIs per policy and baseline", "SLA attainment by hour of arrival",
                "How long the drives were", "Load per technician", "<polyline");
        // Each variant keeps its colour in the legend and the lines.
        assertThat(html).contains("background:#0969da", "stroke=\"#0969da\"", "background:#1a7f37");
    }

    @Test
    void theReportReadsInABrowser() throws Exception {
        Path chromedriver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
                "no Chromium here: install Debian's chromium and chromium-driver (.ci/run does) to run this test");
        try (HeadlessChromium browser = HeadlessChromium.start(chromedriver, chromium, 1000, 2100, 1.0)) {
            browser.open(REPORT.toAbsolutePath().toUri().toString());

            assertThat(browser.text("h1")).isEqualTo("Simulation: small-morning");
            assertThat(browser.text("#kpis")).contains("SLA attainment", "configured", "nearest-free");
            assertThat(browser.text("#sla-by-hour h2")).isEqualTo("SLA attainment by hour of arrival");
            browser.screenshot(Path.of("target", "screenshots", "simulation-report.png"));
        }
    }
}
