package dev.marble.format.chain;

import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.PromptSource;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a chain file in llmauto's format. A mistake is a {@link ChainFileException} naming file,
 * line, column and field; keys Marble does not know become one warning; keys llmauto documents
 * but ignores pass silently. Prompts are not resolved here (see {@link PromptResolver}): their
 * files may legitimately be written between loading and running.
 */
public final class ChainLoader {

    private ChainLoader() {}

    /**
     * @param knownUserHomes home prefixes to rewrite besides llmauto's built-in {@code C:\Users\User\}
     *                       (the configuration's {@code known_user_homes})
     * @param home           this machine's home directory, which replaces them
     */
    public static LoadedChain load(Path file, List<String> knownUserHomes, Path home) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            LocatedDocument raw = LocatedDocumentReader.read(absolute, LocatedDocumentReader.Format.JSON);
            if (!raw.root().isObject()) {
                throw new ChainFileException(
                        raw.valueAt(JsonPointer.empty(), null),
                        "expected a JSON object at the top level, got " + ShapeValidator.describe(raw.root()));
            }
            ObjectNode rewritten = (ObjectNode) new UserHomeRewriter(knownUserHomes, home).rewrite(raw.root());
            ChainTree tree = ChainTree.of(rewritten);
            // Same positions, pruned tree: what is checked is reported where it stands in the file.
            LocatedDocument document = new LocatedDocument(absolute, tree.forValidation(), raw.values(), raw.keys());

            UnknownKeys unknown = new UnknownKeys();
            ShapeValidator.validate(document, ChainSchema.ROOT).forEach(unknown::addValidatorWarning);
            Map<String, PromptSource> prompts = PromptsReader.read(document, tree.prompts(), unknown);
            ChainSpec spec = ChainSpecReader.read(
                    chainName(absolute), absolute, FieldReader.root(document), prompts, unknown.names());
            return new LoadedChain(spec, unknown.warning().stream().toList());
        } catch (ConfigException e) {
            throw ChainFileException.of(e);
        }
    }

    /** A chain's identity is its file name, as in llmauto; {@code chain_name} inside is display only. */
    public static String chainName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }
}
