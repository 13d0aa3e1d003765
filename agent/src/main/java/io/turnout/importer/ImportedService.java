package io.turnout.importer;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One service as import writes it: its spec's {@code service} section and strategy block, its
 * task definition file, the remarks written at the top of its spec (how to go blue/green, what a
 * strategy cannot do yet) and what could not be expressed.
 *
 * @param ecsServices the ECS services it stands for (one, or the two slots)
 * @param summary     one line for the report: {@code rolling (target group web-tg)}, {@code blueGreen (ELB shop-alb 443/8443 …)}
 */
public record ImportedService(String name, List<String> ecsServices, ObjectNode taskDefinition, ObjectNode service,
                       ObjectNode strategy, List<String> remarks, List<Unexpressed> unexpressed, String summary) {
    public ImportedService {
        ecsServices = List.copyOf(ecsServices);
        remarks = List.copyOf(remarks);
        unexpressed = List.copyOf(unexpressed);
    }
}
