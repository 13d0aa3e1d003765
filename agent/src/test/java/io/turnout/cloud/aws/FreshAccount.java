package io.turnout.cloud.aws;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * An account of its own for one run of a test against an AWS emulator ({@code TURNOUT_IT_AWS_ENDPOINT}):
 * a random twelve-digit id, acted in through AssumeRole of a role in it (moto keeps each account's
 * resources apart and takes the account from the role's ARN), so that runs never see each other's
 * resources on a long-lived emulator.
 */
public record FreshAccount(URI endpoint, Region region, String id) {
    /** A new random account whose id starts with {@code first} (tests use different digits to tell their accounts apart). */
    public static FreshAccount random(URI endpoint, Region region, char first) {
        return new FreshAccount(endpoint, region, first + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L)));
    }

    public String roleArn(String role) {
        return "arn:aws:iam::" + id + ":role/" + role;
    }

    /** Credentials acting in this account: AssumeRole of {@code role} in it, with the emulator's base credentials. */
    public StaticCredentialsProvider credentials(String role, String sessionName) {
        try (StsClient sts = StsClient.builder().region(region).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn(role)).roleSessionName(sessionName)).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }
}
