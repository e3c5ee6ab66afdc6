package io.dispatchgateway.core.model;

/** Commercial tier of a customer's contract, highest first. */
public enum CustomerTier {
    PLATINUM, GOLD, SILVER, STANDARD
}
