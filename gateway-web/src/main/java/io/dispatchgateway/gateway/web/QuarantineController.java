package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.mappings.view.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payloads the gateway refused, newest first, with the reasons and the payload as received. */
@RestController
@RequestMapping("/api/v1/quarantine")
public class QuarantineController {

    private final QuarantineStore quarantine;

    public QuarantineController(QuarantineStore quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping
    public PageView<QuarantineStore.Entry> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size, TenantScope scope) {
        return new PageView<>(quarantine.page(scope, page * size, size), page, size, quarantine.count(scope));
    }
}
