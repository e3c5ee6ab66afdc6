package io.dispatchgateway.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.Fixtures;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.port.CustomerDirectory;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IntakeValidatorTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Customer KNOWN = Fixtures.customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of());

    private final IntakeValidator validator = new IntakeValidator(FACTORY.getValidator(), new OneCustomer());

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void completeJobPasses() {
        JobIntake intake = new JobIntake("EXT-9", null, "crm", "C-1", "No heat", null, Fixtures.SITE, null, null, List.of("FLT"),
                null, null, null, null, null, null);

        assertThat(validator.check(intake)).isEmpty();
    }

    @Test
    void everyMissingOrWrongFieldIsNamed() {
        JobIntake intake = new JobIntake(" ", null, "Bad Source!", null, "", null, new Location(null, 123.0, null),
                null, null, List.of(""), null, null, null, null, null, null);

        assertThat(validator.check(intake)).extracting(FieldProblem::field).containsExactly(
                "customerId", "externalId", "location.lat", "location.lon", "requiredParts[0]",
                "source", "summary");
    }

    @Test
    void unknownCustomerIsAFieldProblem() {
        JobIntake intake = new JobIntake("EXT-9", null, null, "C-404", "No heat", null, Fixtures.SITE, null, null, null, null, null, null,
                null, null, null);

        assertThat(validator.check(intake)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("customerId");
            assertThat(p.message()).contains("C-404");
        });
    }

    private static final class OneCustomer implements CustomerDirectory {
        @Override
        public Optional<Customer> find(String id) {
            return KNOWN.id().equals(id) ? Optional.of(KNOWN) : Optional.empty();
        }

        @Override
        public List<Customer> page(int offset, int limit) {
            return List.of(KNOWN);
        }

        @Override
        public long count() {
            return 1;
        }

        @Override
        public void save(Customer customer) {
            throw new UnsupportedOperationException();
        }
    }
}
