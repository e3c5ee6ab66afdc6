package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** ServiceTitan's list envelope: one page of {@code data}, and whether more pages follow. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StPage<T>(int page, int pageSize, boolean hasMore, Long totalCount, List<T> data) {

    public StPage {
        data = data == null ? List.of() : data;
    }
}
