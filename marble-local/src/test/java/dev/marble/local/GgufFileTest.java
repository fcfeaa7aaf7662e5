package dev.marble.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header Marble reads before llama.cpp sees a file: bad files are one line naming them. */
class GgufFileTest {

    @TempDir
    Path temp;

    @Test
    void readsTheTestModelsHeader() {
        GgufFile file = GgufFile.read(MicroModel.path());

        assertThat(file.name()).isEqualTo("micro-agent-test");
        assertThat(file.architecture()).isEqualTo("llama");
        assertThat(file.trainedContext()).contains(512L);
        assertThat(file.chatTemplate()).hasValueSatisfying(t -> assertThat(t).contains("<|im_start|>"));
        assertThat(file.addsBos()).isTrue();
    }

    @Test
    void aFileThatIsNotAGgufIsNamed() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.gguf"), "hello, not a model");

        assertThatThrownBy(() -> GgufFile.read(text))
                .isInstanceOf(LocalModelException.class)
                .hasMessage(text + ": not a GGUF model (it does not start with the bytes GGUF)");
    }

    @Test
    void aFileCutShortIsNamed() throws Exception {
        byte[] whole = Files.readAllBytes(MicroModel.path());
        Path cut = Files.write(temp.resolve("cut.gguf"), Arrays.copyOf(whole, 2_000));

        assertThatThrownBy(() -> GgufFile.read(cut))
                .hasMessage(cut + ": the GGUF header is cut short (an incomplete download?)");
    }

    @Test
    void aMissingFileOrAFolderIsNamed() {
        assertThatThrownBy(() -> GgufFile.read(temp.resolve("none.gguf")))
                .hasMessageContaining("none.gguf: no such file");
        assertThatThrownBy(() -> GgufFile.read(temp)).hasMessageContaining(temp + ": not a file");
    }
}
