package io.dispatchgateway.core.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** How to reach a person. */
public record Contact(@Size(max = 40) String phone, @Email @Size(max = 200) String email) {}
