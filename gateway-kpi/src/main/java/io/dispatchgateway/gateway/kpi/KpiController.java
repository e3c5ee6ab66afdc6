package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import io.dispatchgateway.mappings.kpi.JobFact;
import io.dispatchgateway.mappings.kpi.KpiRow;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPI export Power BI's Web connector reads: KPIs grouped by day, territory, category or tenant, and the
 * job facts under them, as JSON or CSV ({@code format=csv} or {@code Accept: text/csv}), for jobs received from
 * {@code from} (inclusive) to {@code to} (exclusive), local dates in the gateway's zone; the last 30 days by
 * default.
 */
@RestController
@RequestMapping("/api/v1/kpis")
public class KpiController {

    private static final MediaType CSV = new MediaType("text", "csv");

    private final KpiFacts facts;
    private final KpiCalculator calculator;
    private final GatewayProperties properties;
    private final Clock clock;
    private final KpiOutbox outbox;

    public KpiController(KpiFacts facts, GatewayProperties properties, Clock clock, KpiOutbox outbox) {
        this.outbox = outbox;
        this.facts = facts;
        this.calculator = new KpiCalculator(properties.zone());
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    public ResponseEntity<?> kpis(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "DAY") KpiCalculator.GroupBy groupBy,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, TenantScope scope) {
        List<KpiRow> rows = calculator.rows(facts(from, to, scope), groupBy);
        return respond(rows, KpiRow.class, format, accept, "kpis");
    }

    @GetMapping("/facts")
    public ResponseEntity<?> facts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, TenantScope scope) {
        return respond(facts(from, to, scope), JobFact.class, format, accept, "job-facts");
    }

    /** The push outbox: rows pending, delivered and refused, the oldest pending and the last error. */
    @GetMapping("/push")
    public KpiOutbox.Summary push(TenantScope scope) {
        return outbox.summary(scope);
    }

    /** The facts of the jobs of {@code scope}'s tenants: KPIs of a tenant are computed from its jobs only. */
    private List<JobFact> facts(LocalDate from, LocalDate to, TenantScope scope) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), properties.zone());
        LocalDate end = to != null ? to : today.plusDays(1);
        LocalDate start = from != null ? from : end.minusDays(30);
        Instant fromInstant = start.atStartOfDay(properties.zone()).toInstant();
        Instant toInstant = end.atStartOfDay(properties.zone()).toInstant();
        return facts.between(fromInstant, toInstant).stream().filter(f -> scope.allows(f.tenant())).toList();
    }

    private static <T extends Record> ResponseEntity<?> respond(List<T> rows, Class<T> type, String format,
            String accept, String name) {
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".csv\"")
                .body(csv(rows, type));
    }

    /** RFC 4180 CSV: a header of the record's component names, then one line per record. */
    static <T extends Record> String csv(List<T> rows, Class<T> type) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        out.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < columns.length; i++) {
                Object value;
                try {
                    value = columns[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i == 0 ? "" : ",").append(cell(value));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r\n".indexOf(text.charAt(0)) >= 0
                || !text.isEmpty() && text.charAt(0) < 0x20) {
            // A spreadsheet would run a text cell starting like this as a formula ("=1+2" as a territory).
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
