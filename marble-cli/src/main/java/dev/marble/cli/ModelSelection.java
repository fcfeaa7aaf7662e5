package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.Setting;
import dev.marble.model.ModelRef;
import dev.marble.provider.DefaultModelChooser;
import java.util.ArrayList;
import java.util.List;

/**
 * The model a command uses and the fallbacks behind it: from its flags, else from configuration
 * (each configured name resolved where it was written, so a wrong one is reported at its line).
 */
record ModelSelection(DefaultModelChooser.Choice primary, List<ModelRef> fallbacks) {

    static ModelSelection of(Marble marble, String modelFlag, List<String> fallbackFlags) {
        DefaultModelChooser.Choice primary = marble.chooser().choose(modelFlag);
        List<ModelRef> fallbacks = new ArrayList<>();
        if (fallbackFlags != null && !fallbackFlags.isEmpty()) {
            for (String name : fallbackFlags) fallbacks.add(marble.resolver().resolve(name));
        } else {
            Setting<List<String>> configured = marble.config().fallbackModels();
            for (int i = 0; i < configured.value().size(); i++) {
                var where = configured.location() == null
                        ? null
                        : configured.location().withField("fallback_models[" + i + "]");
                fallbacks.add(marble.resolver().resolve(configured.value().get(i), where));
            }
        }
        fallbacks.remove(primary.ref());
        return new ModelSelection(primary, List.copyOf(fallbacks));
    }
}
