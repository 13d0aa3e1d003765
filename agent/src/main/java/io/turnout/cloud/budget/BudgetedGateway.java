package io.turnout.cloud.budget;

import io.turnout.cloud.AutoScalingApi;
import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapApi;
import io.turnout.cloud.CloudWatchApi;
import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.EcsApi;
import io.turnout.cloud.ElbApi;
import io.turnout.cloud.Route53Api;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A {@link CloudGateway} whose mutating calls wait for their account's {@link WriteThrottle} first;
 * reads go straight through. The operation a method stands for is the gateway's own naming
 * ({@code ecs:UpdateService} for {@code EcsApi.updateService}), so each API is wrapped by a
 * {@link Proxy} instead of one hand-written delegate per method.
 */
public final class BudgetedGateway implements CloudGateway {
    private final CloudGateway gateway;
    private final EcsApi ecs;
    private final ElbApi elb;
    private final Route53Api route53;
    private final CloudMapApi cloudMap;
    private final AutoScalingApi autoScaling;
    private final CodeDeployApi codeDeploy;
    private final CloudWatchApi cloudWatch;

    public BudgetedGateway(CloudGateway gateway, WriteThrottle throttle) {
        this.gateway = gateway;
        this.ecs = budgeted(EcsApi.class, gateway.ecs(), "ecs", throttle);
        this.elb = budgeted(ElbApi.class, gateway.elb(), "elbv2", throttle);
        this.route53 = budgeted(Route53Api.class, gateway.route53(), "route53", throttle);
        this.cloudMap = budgeted(CloudMapApi.class, gateway.cloudMap(), "servicediscovery", throttle);
        this.autoScaling = budgeted(AutoScalingApi.class, gateway.autoScaling(), "application-autoscaling", throttle);
        this.codeDeploy = budgeted(CodeDeployApi.class, gateway.codeDeploy(), "codedeploy", throttle);
        this.cloudWatch = budgeted(CloudWatchApi.class, gateway.cloudWatch(), "cloudwatch", throttle);
    }

    private static <T> T budgeted(Class<T> api, T target, String prefix, WriteThrottle throttle) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args, target);
            throttle.take(prefix + ":" + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object target) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "budgeted " + target;
        };
    }

    @Override
    public EcsApi ecs() {
        return ecs;
    }

    @Override
    public ElbApi elb() {
        return elb;
    }

    @Override
    public Route53Api route53() {
        return route53;
    }

    @Override
    public CloudMapApi cloudMap() {
        return cloudMap;
    }

    @Override
    public AutoScalingApi autoScaling() {
        return autoScaling;
    }

    @Override
    public CodeDeployApi codeDeploy() {
        return codeDeploy;
    }

    @Override
    public CloudWatchApi cloudWatch() {
        return cloudWatch;
    }

    @Override
    public CallStats stats() {
        return gateway.stats();
    }
}
