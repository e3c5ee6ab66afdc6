package io.dispatchgateway.gateway.web;

import java.io.IOException;

/** A request body went over {@code gateway.intake.max-body-size} while it was being read. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("the request body is over the limit of " + limit + " bytes");
    }
}
