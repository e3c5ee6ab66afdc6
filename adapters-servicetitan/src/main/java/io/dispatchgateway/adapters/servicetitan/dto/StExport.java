package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * ServiceTitan's export envelope: records in modification order, the token the next read continues from, and
 * whether more can be read at once (false: the feed is caught up).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StExport<T>(boolean hasMore, String continueFrom, List<T> data) {

    public StExport {
        data = data == null ? List.of() : data;
    }
}
