package io.dispatchgateway.gateway.persistence;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one statement that may lose a race (an insert another instance or thread made first) under a savepoint:
 * PostgreSQL aborts the whole transaction on a key violation, so without one the caller could not go on to read
 * the winner's row. Outside a transaction it is a transaction of its own.
 */
@Component
public class Savepoint {

    private final TransactionTemplate nested;

    public Savepoint(PlatformTransactionManager transactions) {
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public <T> T attempt(Supplier<T> statement) {
        return nested.execute(status -> statement.get());
    }
}
