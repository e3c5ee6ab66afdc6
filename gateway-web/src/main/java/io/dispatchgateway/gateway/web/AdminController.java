package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.gateway.persistence.AuditLog;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Gateway-wide audit for administrators: route toggles and other administrative actions, newest first. */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminController {

    private final AuditLog audit;

    public AdminController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    public List<AuditEntry> audit(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            io.dispatchgateway.core.model.TenantScope scope) {
        return audit.administrative(scope, limit);
    }
}
