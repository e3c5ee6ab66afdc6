package io.dispatchgateway.gateway.security;

import io.dispatchgateway.gateway.tenancy.TenantAccess;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.persistence.JobStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a technician in by the pack link: a request for {@code /packs/{jobId}} or {@code /api/v1/packs/{jobId}}
 * whose {@code token} is genuine, unexpired and signed for the job's current technician is authenticated as
 * {@code technician:<id>} with the TECHNICIAN role. A refused link is noted on the request so the refusal page
 * can say why (altered or expired).
 */
class PackLinkAuthentication extends OncePerRequestFilter {

    static final String REFUSAL = PackLinkAuthentication.class.getName() + ".refusal";
    private static final Pattern PACK = Pattern.compile("^(?:/api/v1)?/packs/([^/]+)$");

    private final PackLinks links;
    private final JobStore jobs;

    PackLinkAuthentication(PackLinks links, JobStore jobs) {
        this.links = links;
        this.jobs = jobs;
    }

    static boolean isPackRequest(HttpServletRequest request) {
        return PACK.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher matcher = PACK.matcher(request.getRequestURI());
        String token = request.getParameter("token");
        if (matcher.matches() && token != null && request.getHeader("Authorization") == null) {
            String jobId = matcher.group(1);
            var stored = jobs.find(jobId).filter(j -> j.assignment() != null).orElse(null);
            String technician = stored == null ? null : stored.assignment().technicianId();
            PackLinks.Check check = technician == null ? PackLinks.Check.TAMPERED
                    : links.check(jobId, technician, stored.assignment().assignedAt(), token);
            if (check == PackLinks.Check.VALID && !stored.status().isInTheField()) {
                check = PackLinks.Check.EXPIRED; // the job is done or cancelled: the link has served its purpose
            }
            if (check == PackLinks.Check.VALID) {
                var authentication = new PreAuthenticatedAuthenticationToken("technician:" + technician, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + Roles.TECHNICIAN),
                                new SimpleGrantedAuthority(TenantAccess.PREFIX + stored.job().tenant())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } else {
                request.setAttribute(REFUSAL, check);
            }
        }
        chain.doFilter(request, response);
    }
}
