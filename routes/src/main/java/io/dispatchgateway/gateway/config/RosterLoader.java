package io.dispatchgateway.gateway.config;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the roster file named by {@code gateway.roster-location} at start-up: technicians, customers and
 * depots, upserted by id. A roster with an invalid record stops the start-up with the record and field.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RosterLoader implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RosterLoader.class);

    /** The roster file's shape. */
    public record Roster(List<Technician> technicians, List<Customer> customers, List<Depot> depots) {

        public Roster {
            technicians = technicians == null ? List.of() : technicians;
            customers = customers == null ? List.of() : customers;
            depots = depots == null ? List.of() : depots;
        }
    }

    private final GatewayProperties properties;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final TechnicianDirectory technicians;
    private final CustomerDirectory customers;
    private final InventoryLookup inventory;

    public RosterLoader(GatewayProperties properties, ObjectMapper mapper, Validator validator,
            TechnicianDirectory technicians, CustomerDirectory customers, InventoryLookup inventory) {
        this.properties = properties;
        this.mapper = mapper;
        this.validator = validator;
        this.technicians = technicians;
        this.customers = customers;
        this.inventory = inventory;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        Resource location = properties.rosterLocation();
        if (location == null) {
            return;
        }
        if (!location.exists()) {
            throw new IllegalStateException("gateway.roster-location points to " + location.getDescription()
                    + ", which does not exist");
        }
        Roster roster;
        try (InputStream in = location.getInputStream()) {
            roster = mapper.readValue(in, Roster.class);
        }
        List<String> problems = new ArrayList<>();
        check(roster.technicians(), "technicians", problems);
        check(roster.customers(), "customers", problems);
        check(roster.depots(), "depots", problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("roster " + location.getDescription() + " is invalid: "
                    + String.join("; ", problems));
        }
        roster.technicians().forEach(technicians::save);
        roster.customers().forEach(customers::save);
        roster.depots().forEach(inventory::save);
        LOG.info("roster {} loaded: {} technicians, {} customers, {} depots", location.getDescription(),
                roster.technicians().size(), roster.customers().size(), roster.depots().size());
    }

    private <T> void check(List<T> records, String name, List<String> problems) {
        for (int i = 0; i < records.size(); i++) {
            Set<ConstraintViolation<T>> violations = validator.validate(records.get(i));
            for (ConstraintViolation<T> v : violations) {
                problems.add(name + "[" + i + "]." + v.getPropertyPath() + " " + v.getMessage());
            }
        }
    }
}
