package dev.chatmodels.functions.testing;

import java.util.Map;

import dev.chatmodels.testing.ProviderStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A function app configured on a {@link ProviderStandIn} that the resource starts and stops; tests get the stand-in in a
 * field annotated {@link StandIn}. Subclasses say how the app is configured.
 */
abstract class StandInResource implements QuarkusTestResourceLifecycleManager {

    private ProviderStandIn standIn;

    /** The app's configuration, pointing its models at {@code standIn}. */
    abstract Map<String, String> configuration(ProviderStandIn standIn);

    @Override
    public Map<String, String> start() {
        standIn = ProviderStandIn.start();
        return configuration(standIn);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(standIn,
                new TestInjector.AnnotatedAndMatchesType(StandIn.class, ProviderStandIn.class));
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
