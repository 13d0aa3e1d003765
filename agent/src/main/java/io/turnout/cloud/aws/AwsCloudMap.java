package io.turnout.cloud.aws;

import io.turnout.cloud.CloudMapApi;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.NamespaceInfo;
import java.util.List;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilter;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;

/** {@link CloudMapApi} over the SDK's {@link ServiceDiscoveryClient}. */
final class AwsCloudMap implements CloudMapApi {
    private final ServiceDiscoveryClient cloudMap;
    private final AwsCalls calls;

    AwsCloudMap(ServiceDiscoveryClient cloudMap, AwsCalls calls) {
        this.cloudMap = cloudMap;
        this.calls = calls;
    }

    // The Cloud Map paginators have no per-item iterables (their list members are not marked
    // as the paginated result), so pages are flattened by hand.

    @Override
    public List<NamespaceInfo> listNamespaces() {
        return calls.run("ListNamespaces", "namespaces",
                () -> cloudMap.listNamespacesPaginator(r -> r.maxResults(100)).stream()
                        .flatMap(page -> page.namespaces().stream())
                        .map(n -> new NamespaceInfo(n.id(), n.arn(), n.name(), n.typeAsString()))
                        .toList());
    }

    @Override
    public List<CloudMapServiceInfo> listServices(String namespaceId) {
        ServiceFilter byNamespace = ServiceFilter.builder().name(ServiceFilterName.NAMESPACE_ID)
                .condition(FilterCondition.EQ).values(namespaceId).build();
        // ServiceSummary carries no namespace id; every summary here is in the filtered namespace.
        return calls.run("ListServices", "services of namespace " + namespaceId,
                () -> cloudMap.listServicesPaginator(r -> r.filters(byNamespace).maxResults(100)).stream()
                        .flatMap(page -> page.services().stream())
                        .map(s -> new CloudMapServiceInfo(s.id(), s.arn(), s.name(), namespaceId))
                        .toList());
    }
}
