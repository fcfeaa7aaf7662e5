package dev.marble.provider;

import java.util.Objects;

/**
 * A provider a {@link ProviderFactory} offers without any configuration ({@code anthropic}, {@code ollama}, …), and
 * where it stands when providers are listed. Positions order the listing across factories, so that it does not depend
 * on the order the class path happens to give the factories in; equal positions fall back to the name.
 *
 * @param position Marble's own built-ins use 10 to 100; {@link #of} places a third party's after them
 */
public record BuiltInProvider(ProviderSpec spec, int position) {

    /** The origin text every built-in spec carries, unless the environment moved it (then it says from where). */
    public static final String ORIGIN = "built in";

    /** Where {@link #of} lists a provider: after every one Marble ships. */
    public static final int AFTER_MARBLES_OWN = 1000;

    public BuiltInProvider {
        Objects.requireNonNull(spec, "spec");
    }

    public static BuiltInProvider of(ProviderSpec spec) {
        return new BuiltInProvider(spec, AFTER_MARBLES_OWN);
    }
}
