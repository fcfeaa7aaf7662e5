package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.provider.ProviderCatalog;
import dev.marble.provider.ProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliProvidersTest {

    private static List<String> classes(List<ProviderFactory> factories) {
        return factories.stream().map(factory -> factory.getClass().getName()).toList();
    }

    /** A provider added to a module's service file and not here would be missing from the command line. */
    @Test
    void theDeclaredFactoriesAreThoseOnTheClassPathInTheirOrder() {
        List<String> onClassPath = classes(ProviderCatalog.onClassPath());
        assertThat(onClassPath).isNotEmpty();
        assertThat(classes(CliProviders.all())).containsExactlyElementsOf(onClassPath);
    }
}
