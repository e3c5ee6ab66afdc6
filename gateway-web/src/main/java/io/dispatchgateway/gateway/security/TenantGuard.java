package io.dispatchgateway.gateway.security;

import io.dispatchgateway.gateway.tenancy.TenantAccess;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Keeps every request inside its caller's tenants. Before a handler runs, the job, approval, plan proposal,
 * technician, customer or depot its path names is looked up; one of a tenant outside the caller's scope answers
 * exactly as one that does not exist (404), so nothing tells that it does. Handlers that list or write take the
 * caller's {@link TenantScope} as a parameter (this class resolves it) and narrow their queries with it.
 */
public class TenantGuard implements HandlerInterceptor, HandlerMethodArgumentResolver {

    /** How the resource a path names is found and whose it is. */
    private record Owned(String pathPrefix, String variable, String kind, boolean write,
            Function<String, Optional<? extends Collection<String>>> owners) {}

    private final List<Owned> owned;

    public TenantGuard(JobStore jobs, ProposalStore proposals, TechnicianDirectory technicians,
            CustomerDirectory customers, InventoryLookup inventory) {
        Function<String, Optional<? extends Collection<String>>> job = id -> jobs.tenantOf(id).map(List::of);
        Function<String, Optional<? extends Collection<String>>> approval = id -> jobs.tenantOfApproval(id)
                .map(List::of);
        Function<String, Optional<? extends Collection<String>>> proposal = proposals::tenantsOf;
        Function<String, Optional<? extends Collection<String>>> technician = id -> technicians.find(id)
                .map(t -> t.tenants());
        Function<String, Optional<? extends Collection<String>>> customer = id -> customers.find(id)
                .map(c -> List.of(c.tenant()));
        Function<String, Optional<? extends Collection<String>>> depot = id -> inventory.find(id)
                .map(d -> d.tenants());
        this.owned = List.of(
                new Owned("/api/v1/jobs/{id}", "id", "job", false, job),
                new Owned("/api/v1/packs/{jobId}", "jobId", "job", false, job),
                new Owned("/packs/{jobId}", "jobId", "job", false, job),
                new Owned("/api/v1/approvals/{id}", "id", "approval", false, approval),
                new Owned("/approvals/{id}", "id", "approval", false, approval),
                new Owned("/api/v1/plans/proposals/{id}", "id", "plan proposal", true, proposal),
                new Owned("/plans/proposals/{id}", "id", "plan proposal", true, proposal),
                new Owned("/api/v1/technicians/{id}", "id", "technician", false, technician),
                new Owned("/api/v1/customers/{id}", "id", "customer", false, customer),
                new Owned("/api/v1/depots/{id}", "id", "depot", false, depot));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        TenantScope scope = TenantAccess.current();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (scope.all()) {
            return true;
        }
        if (pattern == null || variables == null) {
            return true;
        }
        for (Owned resource : owned) {
            if (pattern.toString().startsWith(resource.pathPrefix())) {
                String id = variables.get(resource.variable());
                boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
                Optional<? extends Collection<String>> owners = resource.owners().apply(id);
                // Shared technicians and depots (no tenant: every tenant's) are read by all, changed by none of them.
                boolean inScope = owners.isEmpty() || (change || resource.write() ? scope.covers(owners.get())
                        : scope.touches(owners.get()));
                if (!inScope) {
                    throw new NoSuchElementException("no " + resource.kind() + " with id '" + id + "'");
                }
                return true;
            }
        }
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(TenantScope.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return TenantAccess.current();
    }
}
