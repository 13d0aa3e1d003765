package io.turnout.cloud;

import java.util.List;

/** AWS Cloud Map (servicediscovery). Operation names in stats are {@code servicediscovery:<Operation>}. */
public interface CloudMapApi {
    /** ListNamespaces, all pages. */
    List<NamespaceInfo> listNamespaces();

    /** ListServices filtered by namespace id, all pages. */
    List<CloudMapServiceInfo> listServices(String namespaceId);
}
