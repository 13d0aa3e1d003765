/**
 * The AWS implementation of the cloud gateway: {@link io.turnout.cloud.aws.AwsCloudGateway}
 * over the AWS SDK for Java v2 (ECS, Elastic Load Balancing v2, Route 53, Cloud Map,
 * Application Auto Scaling, STS), one small adapter class per service.
 *
 * <p>What this package owns:
 * <ul>
 *   <li>client construction from {@link io.turnout.cloud.aws.AwsSettings}: region, credentials
 *       (default chain, optionally an assumed role), endpoint overrides, adaptive retries;</li>
 *   <li>following every page of every list/describe call (the SDK paginators);</li>
 *   <li>converting SDK models to the gateway's records and to the camelCase / PascalCase JSON
 *       AWS documents, and back ({@link io.turnout.cloud.aws.SdkJson});</li>
 *   <li>turning SDK exceptions into {@link io.turnout.cloud.CloudException}s with the right
 *       {@link io.turnout.cloud.CloudException.Kind} ({@code AwsErrors});</li>
 *   <li>counting calls in {@link io.turnout.cloud.CallStats} as {@code <service>:<Operation>}.</li>
 * </ul>
 * It holds no state of its own and makes no decisions: deciding what to call is the planner's
 * and executor's job.
 */
package io.turnout.cloud.aws;
