package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainCatalogTest {

    @TempDir
    Path project;

    private Path chain(String name, String json) throws IOException {
        Path chains = Files.createDirectories(project.resolve("chains"));
        return Files.writeString(chains.resolve(name + ".json"), json);
    }

    @Test
    void aNameMeansTheProjectsChainsFolder() throws IOException {
        Path file = chain("review", "{\"links\": [{}]}");
        assertThat(new ChainCatalog(project).locate("review")).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void aPathIsTakenAsGiven() throws IOException {
        Path elsewhere = Files.writeString(project.resolve("mine.json"), "{\"links\": [{}]}");
        ChainCatalog catalog = new ChainCatalog(project);
        assertThat(catalog.locate(elsewhere.toString())).isEqualTo(elsewhere.toAbsolutePath());
        assertThatThrownBy(() -> catalog.locate(project.resolve("nope.json").toString()))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "no such chain file: " + project.resolve("nope.json").toAbsolutePath());
    }

    @Test
    void anUnknownNameListsTheChainsThereAre() throws IOException {
        chain("beta", "{\"links\": [{}]}");
        chain("alpha", "{\"links\": [{}]}");
        assertThatThrownBy(() -> new ChainCatalog(project).locate("gamma"))
                .isInstanceOf(UsageException.class)
                .hasMessage("no chain \"gamma\" in chains/; available: alpha, beta");
    }

    @Test
    void aMistypedNameSuggestsTheNearestChain() throws IOException {
        chain("nightly", "{\"links\": [{}]}");
        chain("weekly", "{\"links\": [{}]}");
        assertThatThrownBy(() -> new ChainCatalog(project).locate("nightlly"))
                .isInstanceOf(UsageException.class)
                .hasMessage("no chain \"nightlly\" in chains/; did you mean \"nightly\"?");
    }

    @Test
    void anUnknownNameWithNoChainsSaysWhereItLooked() {
        assertThatThrownBy(() -> new ChainCatalog(project).locate("gamma"))
                .hasMessage("no chain \"gamma\" in chains/; there are none in " + project.resolve("chains"));
    }

    @Test
    void listShowsEachChainSortedWithLinksModeAndDescriptionOrItsError() throws IOException {
        chain("b-once", "{\"mode\": \"once\", \"description\": \"  one pass  \", \"links\": [{}]}");
        chain("a-loop", "{\"links\": [{}, {}, {}]}");
        Path broken = chain("c-broken", "{\"links\": []}");
        Files.writeString(project.resolve("chains/notes.txt"), "not a chain");

        assertThat(new ChainCatalog(project).list())
                .extracting(ChainCatalog.Entry::name, ChainCatalog.Entry::summary)
                .containsExactly(
                        tuple("a-loop", "3 links, loop"),
                        tuple("b-once", "1 link, once, one pass"),
                        tuple(
                                "c-broken",
                                "error: " + broken.toAbsolutePath()
                                        + ":1:11: links: expected at least one link, got an empty list"));
        assertThat(new ChainCatalog(project).list().getFirst().file()).isEqualTo(project.resolve("chains/a-loop.json"));
    }

    @Test
    void noChainsFolderListsNothing() {
        assertThat(new ChainCatalog(project).list()).isEmpty();
    }
}
