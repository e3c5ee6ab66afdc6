package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Tenants;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.mappings.view.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference data for the embedded directories: technicians, customers, depots and live locations. A PUT
 * replaces the record with the id in the path; a body id, when given, must match it.
 */
@RestController
@RequestMapping("/api/v1")
public class ReferenceDataController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final TechnicianDirectory technicians;
    private final CustomerDirectory customers;
    private final InventoryLookup inventory;
    private final PayloadReader reader;
    private final QuarantineStore quarantine;
    private final Clock clock;

    private final AuditLog audit;
    private final ObjectMapper json;

    public ReferenceDataController(TechnicianDirectory technicians, CustomerDirectory customers,
            InventoryLookup inventory, PayloadReader reader, QuarantineStore quarantine, Clock clock, AuditLog audit,
            ObjectMapper json) {
        this.audit = audit;
        this.json = json;
        this.technicians = technicians;
        this.customers = customers;
        this.inventory = inventory;
        this.reader = reader;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    @Operation(summary = "Create or replace a technician", requestBody = @io.swagger.v3.oas.annotations.parameters
            .RequestBody(content = @Content(schema = @Schema(implementation = Technician.class))))
    @PutMapping(path = "/technicians/{id}", consumes = {JSON, MediaType.ALL_VALUE})
    public Technician putTechnician(@PathVariable String id, @RequestBody(required = false) String payload,
            Principal principal, TenantScope scope) {
        // A caller of some tenants saves technicians of those tenants: theirs when the record names none.
        Technician technician = read(payload, Technician.class, "technician", id, Technician::id,
                t -> t.withId(id).withTenants(t.tenants().isEmpty() && !scope.all() ? List.copyOf(scope.tenants())
                        : t.tenants()),
                t -> scope.covers(t.tenants()) ? null : "names a tenant you do not act for (" + scope + ")");
        Technician before = technicians.find(id).orElse(null);
        technicians.save(technician);
        audited(principal, "technician", id, before, technician);
        return technician;
    }

    /**
     * Records who changed a reference record and how: each top-level field that changed, before and after (a new
     * record in full), in the administrative audit ({@code GET /api/v1/admin/audit}).
     */
    private void audited(Principal principal, String kind, String id, Object before, Object after) {
        audited(principal, kind, id, before, after, tenantOf(after));
    }

    /** The tenant an administrative line about {@code record} belongs to: a customer's, or a record of one tenant. */
    private static String tenantOf(Object record) {
        List<String> tenants = record instanceof Customer c ? List.of(c.tenant())
                : record instanceof Technician t ? t.tenants() : record instanceof Depot d ? d.tenants() : List.of();
        return tenants.size() == 1 ? tenants.get(0) : null;
    }

    private void audited(Principal principal, String kind, String id, Object before, Object after, String tenant) {
        JsonNode was = before == null ? null : json.valueToTree(before);
        JsonNode now = json.valueToTree(after);
        StringBuilder detail = new StringBuilder(kind + " " + id + (was == null ? " created: " + now : " changed:"));
        if (was != null) {
            now.fieldNames().forEachRemaining(field -> {
                if (!now.get(field).equals(was.get(field))) {
                    detail.append(' ').append(field).append(' ').append(was.get(field)).append(" -> ")
                            .append(now.get(field)).append(';');
                }
            });
            if (detail.toString().endsWith(" changed:")) {
                detail.append(" nothing");
            }
        }
        String text = detail.length() > 4000 ? detail.substring(0, 4000) + "\u2026" : detail.toString();
        audit.recordFor(tenant, "user:" + principal.getName(), AuditAction.saved(kind), text);
    }

    @Operation(summary = "Create or replace a customer with its entitlement",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = Customer.class))))
    @PutMapping(path = "/customers/{id}", consumes = {JSON, MediaType.ALL_VALUE})
    public Customer putCustomer(@PathVariable String id, @RequestBody(required = false) String payload,
            Principal principal, TenantScope scope) {
        // The default tenant stands for "not named": a caller of one tenant saves customers of that tenant.
        Customer customer = read(payload, Customer.class, "customer", id, Customer::id,
                c -> c.withId(id).withTenant(c.tenant().equals(Tenants.DEFAULT) && !scope.allows(Tenants.DEFAULT)
                        ? scope.single().orElse(c.tenant()) : c.tenant()),
                c -> scope.allows(c.tenant()) ? null : "is not a tenant you act for (" + scope + ")");
        Customer before = customers.find(id).orElse(null);
        customers.save(customer);
        audited(principal, "customer", id, before, customer);
        return customer;
    }

    @Operation(summary = "Create or replace a depot and its stock",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = Depot.class))))
    @PutMapping(path = "/depots/{id}", consumes = {JSON, MediaType.ALL_VALUE})
    public Depot putDepot(@PathVariable String id, @RequestBody(required = false) String payload,
            Principal principal, TenantScope scope) {
        Depot depot = read(payload, Depot.class, "depot", id, Depot::id,
                d -> d.withId(id).withTenants(d.tenants().isEmpty() && !scope.all() ? List.copyOf(scope.tenants())
                        : d.tenants()),
                d -> scope.covers(d.tenants()) ? null : "names a tenant you do not act for (" + scope + ")");
        Depot before = inventory.find(id).orElse(null);
        inventory.save(depot);
        audited(principal, "depot", id, before, depot);
        return depot;
    }

    /** A live position report; {@code at} defaults to now. */
    public record LocationFix(@NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double lat,
            @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double lon, Instant at) {}

    @Operation(summary = "Report a technician's live location",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = LocationFix.class))))
    @PostMapping(path = "/technicians/{id}/location", consumes = {JSON, MediaType.ALL_VALUE})
    public Technician postLocation(@PathVariable String id, @RequestBody(required = false) String payload) {
        if (technicians.find(id).isEmpty()) {
            throw new NoSuchElementException("no technician with id '" + id + "'");
        }
        LocationFix fix = reader.readValid(payload, LocationFix.class, "api", "location");
        technicians.updateLocation(id, new GeoPoint(fix.lat(), fix.lon()), fix.at() == null ? clock.instant()
                : fix.at());
        return technicians.find(id).orElseThrow();
    }

    @GetMapping("/technicians")
    public PageView<Technician> technicians(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, TenantScope scope) {
        if (scope.all()) {
            return new PageView<>(technicians.page(page * size, size), page, size, technicians.count());
        }
        // Those who work for the caller's tenants (shared technicians too); rosters are small enough to filter.
        List<Technician> visible = technicians.all().stream().filter(t -> scope.touches(t.tenants())).toList();
        return new PageView<>(visible.stream().skip((long) page * size).limit(size).toList(), page, size,
                visible.size());
    }

    @GetMapping("/technicians/{id}")
    public Technician technician(@PathVariable String id) {
        return technicians.find(id).orElseThrow(() -> new NoSuchElementException("no technician with id '" + id
                + "'"));
    }

    @GetMapping("/customers")
    public PageView<Customer> customers(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, TenantScope scope) {
        return new PageView<>(customers.page(scope, page * size, size), page, size, customers.count(scope));
    }

    @GetMapping("/customers/{id}")
    public Customer customer(@PathVariable String id) {
        return customers.find(id).orElseThrow(() -> new NoSuchElementException("no customer with id '" + id + "'"));
    }

    @GetMapping("/depots")
    public List<Depot> depots(TenantScope scope) {
        return inventory.depots().stream().filter(d -> scope.touches(d.tenants())).toList();
    }

    /**
     * @param settle the record as it is saved: the path's id, the caller's tenants where it names none
     * @param tenantProblem what is wrong with the settled record's tenants for the caller, or null
     */
    private <T> T read(String payload, Class<T> type, String kind, String pathId,
            java.util.function.Function<T, String> bodyId, UnaryOperator<T> settle,
            java.util.function.Function<T, String> tenantProblem) {
        PayloadReader.Parsed<T> parsed = reader.parse(payload, type);
        UnaryOperator<T> withPathId = settle;
        List<FieldProblem> problems = parsed.withChecks(value -> {
            List<FieldProblem> found = new ArrayList<>(reader.constraints(withPathId.apply(value)));
            String tenants = tenantProblem.apply(withPathId.apply(value));
            if (tenants != null) {
                found.add(new FieldProblem(type == Customer.class ? "tenant" : "tenants", tenants));
            }
            String given = bodyId.apply(value);
            if (given != null && !given.equals(pathId)) {
                found.add(new FieldProblem("id", "is '" + given + "' but the path says '" + pathId
                        + "'; leave it out or make them match"));
            }
            return found;
        });
        if (problems.isEmpty()) {
            return withPathId.apply(parsed.value());
        }
        throw new PayloadRejectedException(kind, problems, quarantine.quarantine("api", kind, problems, payload));
    }
}
