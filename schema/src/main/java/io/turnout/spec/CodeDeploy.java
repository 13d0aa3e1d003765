package io.turnout.spec;

import java.util.List;
import java.util.Optional;

/**
 * A service under an existing CodeDeploy application and deployment group (deployment
 * controller CODE_DEPLOY): Turnout creates CodeDeploy deployments with an AppSpec and follows
 * them.
 *
 * @param application          the CodeDeploy application; empty only in a spec {@code turnout import}
 *                             wrote from files, which cannot know it: such a service is compared but
 *                             not deployed until the spec names both (the schema asks for both or neither)
 * @param deploymentGroup      the service's deployment group in that application; empty with {@code application}
 * @param deploymentConfigName all at once, linear or canary (a CodeDeploy deployment
 *                             configuration); empty: the deployment group's own
 * @param hooks                the AppSpec's {@code Hooks}, in the order written
 */
public record CodeDeploy(Optional<String> serviceName, Optional<String> application, Optional<String> deploymentGroup,
                         Optional<String> deploymentConfigName, List<Hook> hooks, Optional<Verification> verification)
        implements AwsEngine {
    /** The AppSpec lifecycle events a hook may run at, in the order CodeDeploy runs them for ECS. */
    public static final List<String> HOOK_EVENTS = List.of("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    /** One AppSpec hook: a Lambda function (name or ARN) run at lifecycle event {@code event}. */
    public record Hook(String event, String function) {}

    /** A CodeDeploy application and one of its deployment groups. */
    public record Group(String application, String deploymentGroup) {
        @Override
        public String toString() {
            return application + "/" + deploymentGroup;
        }
    }

    public CodeDeploy {
        hooks = List.copyOf(hooks);
    }

    /** The application and deployment group CodeDeploy deploys the service with; empty when the spec names neither. */
    public Optional<Group> group() {
        return application.flatMap(a -> deploymentGroup.map(g -> new Group(a, g)));
    }

    @Override
    public String deploymentController() {
        return "CODE_DEPLOY";
    }

    @Override
    public CodeDeploy withVerification(Verification verification) {
        return new CodeDeploy(serviceName, application, deploymentGroup, deploymentConfigName, hooks, Optional.of(verification));
    }
}
