package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import io.dispatchgateway.mappings.view.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The write-back queue: what is still waiting to reach another system, with attempts and the last error. */
@RestController
@RequestMapping("/api/v1/write-backs")
public class WriteBackController {

    private final WriteBackQueue queue;

    public WriteBackController(WriteBackQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    public PageView<WriteBackQueue.Entry> list(@RequestParam(defaultValue = "PENDING") WriteBackQueue.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            io.dispatchgateway.core.model.TenantScope scope) {
        return new PageView<>(queue.list(status, scope, page * size, size), page, size, queue.count(status, scope));
    }
}
