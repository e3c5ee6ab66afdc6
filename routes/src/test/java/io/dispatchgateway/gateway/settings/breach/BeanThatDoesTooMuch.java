package io.dispatchgateway.gateway.settings.breach;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * A deliberate breach of the collaborator rule (nine), for {@code DependencyRulesTest}; not a bean, as the
 * application's scan would find it on the test classpath.
 */
public final class BeanThatDoesTooMuch {

    public BeanThatDoesTooMuch(Clock clock, Executor a, Executor b, Executor c, Executor d, Executor e, Runnable f,
            Runnable g, Runnable h) {
    }
}
