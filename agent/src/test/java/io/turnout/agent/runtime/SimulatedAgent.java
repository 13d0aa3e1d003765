package io.turnout.agent.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.turnout.reconcile.ReconcileFixtures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole agent (Micronaut application with its HTTP server on 127.0.0.1, a random port) following
 * a fixture's repository on the fixture's simulated cloud, with its embedded store in
 * {@code dataDir}: started again on the same directory, it is the same agent after a restart.
 */
final class SimulatedAgent {
    private SimulatedAgent() {
    }

    static EmbeddedServer start(ReconcileFixtures.Fixture fx, Path dataDir, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("turnout.agent.repositories.shop.url", fx.url());
        properties.put("turnout.agent.repositories.shop.path", "specs");
        properties.put("turnout.agent.cloud", "sim");
        properties.put("turnout.agent.data-dir", dataDir.toString());
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(fx.cloud()).deduceEnvironment(false).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return server;
    }
}
