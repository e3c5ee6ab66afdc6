package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.TenantScope;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document leaves out: the caller's {@link TenantScope}, which handlers take from the caller's
 * identity, not from the request.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiSettings {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(TenantScope.class);
    }
}
