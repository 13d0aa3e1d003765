package io.turnout.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;

/** The CreateService members import keeps from a service document are the SDK model's, no more, no less. */
class CreateServiceMembersTest {
    @Test
    void theListIsTheSdkModels() {
        Set<String> sdk = CreateServiceRequest.builder().build().sdkFields().stream().map(SdkField::locationName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sdk, new TreeSet<>(ServiceSettingsCleanup.CREATE_SERVICE_MEMBERS));
    }
}
