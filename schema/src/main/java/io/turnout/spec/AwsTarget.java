package io.turnout.spec;

import java.util.Optional;

/**
 * Where an environment lives in AWS. {@code accountId} is a guard: when present, Turnout
 * refuses to act if the credentials belong to another account. {@code roleArn} is assumed
 * (session name {@code turnout-<env>}) before any call.
 */
public record AwsTarget(String region, Optional<String> accountId, Optional<String> roleArn) {}
