package io.dispatchgateway.mappings;

import io.dispatchgateway.mappings.convert.TimeConverters;
import org.mapstruct.MapperConfig;
import org.mapstruct.MappingConstants;
import org.mapstruct.ReportingPolicy;

/**
 * Shared by every mapper: Spring beans (inject them, never {@code Mappers.getMapper}), and an unmapped
 * target property is a compile error, so a field added on either side cannot be dropped silently.
 */
@MapperConfig(componentModel = MappingConstants.ComponentModel.SPRING,
        unmappedTargetPolicy = ReportingPolicy.ERROR,
        uses = TimeConverters.class)
public interface GatewayMapperConfig {
}
