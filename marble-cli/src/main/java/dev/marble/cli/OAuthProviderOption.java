package dev.marble.cli;

import picocli.CommandLine.Option;

/** {@code --provider NAME}, required as llm-do-oauth required it, so a second provider can come without surprises. */
final class OAuthProviderOption {

    @Option(
            names = "--provider",
            required = true,
            paramLabel = "NAME",
            converter = Converter.class,
            description = "The provider to log in to: anthropic.")
    OAuthProvider provider;

    static final class Converter implements picocli.CommandLine.ITypeConverter<OAuthProvider> {
        @Override
        public OAuthProvider convert(String value) {
            for (OAuthProvider known : OAuthProvider.values()) {
                if (known.id().equals(value)) return known;
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown provider '" + value + "'; expected one of: anthropic");
        }
    }
}
