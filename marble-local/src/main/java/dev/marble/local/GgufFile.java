package dev.marble.local;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Marble reads from a GGUF file's header before llama.cpp sees it: a file that is missing, not a
 * GGUF, or cut short is reported here in one line naming the file, instead of reaching native code
 * (where a bad model file ends in an error with no file name, or worse). Only the metadata is read;
 * the tensors are left to llama.cpp.
 */
public record GgufFile(Path path, long version, Map<String, Object> metadata) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final long MAX_STRING = 64L * 1024 * 1024;

    public static GgufFile read(Path path) {
        if (!Files.exists(path)) throw new LocalModelException(path + ": no such file (expected a GGUF model)");
        if (!Files.isRegularFile(path)) throw new LocalModelException(path + ": not a file (expected a GGUF model)");
        if (!Files.isReadable(path)) throw new LocalModelException(path + ": cannot be read (permission denied)");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            Reader in = new Reader(new DataInputStream(raw));
            int magic = in.u32();
            if (magic != MAGIC) {
                throw new LocalModelException(path + ": not a GGUF model (it does not start with the bytes GGUF)");
            }
            long version = in.u32() & 0xffffffffL;
            if (version < 2 || version > 3) {
                throw new LocalModelException(
                        path + ": GGUF version " + version + " is not supported (expected 2 or 3)");
            }
            in.u64(); // tensor count
            long count = in.u64();
            Map<String, Object> metadata = new HashMap<>();
            for (long i = 0; i < count; i++) {
                String key = in.string();
                int type = in.u32();
                metadata.put(key, in.value(type, key));
            }
            return new GgufFile(path, version, Map.copyOf(metadata));
        } catch (EOFException e) {
            throw new LocalModelException(path + ": the GGUF header is cut short (an incomplete download?)");
        } catch (IOException e) {
            throw new LocalModelException(path + ": cannot be read: " + e.getMessage());
        }
    }

    public Optional<String> text(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Long> number(String key) {
        return metadata.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    public Optional<Boolean> flag(String key) {
        return metadata.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    public String name() {
        return text("general.name").orElse(path.getFileName().toString());
    }

    public String architecture() {
        return text("general.architecture").orElse("unknown");
    }

    /** The context length the model was trained with, if the header says. */
    public Optional<Long> trainedContext() {
        return number(architecture() + ".context_length");
    }

    public Optional<String> chatTemplate() {
        return text("tokenizer.chat_template");
    }

    /** Whether llama.cpp puts a BOS token before the prompt, which counts as a prompt token. */
    public boolean addsBos() {
        return flag("tokenizer.ggml.add_bos_token").orElse(true);
    }

    /** Little-endian GGUF values; arrays are skipped except for their length, which is all Marble needs. */
    private record Reader(DataInputStream in) {
        int u32() throws IOException {
            return fixed(4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        long u64() throws IOException {
            byte[] b = in.readNBytes(8);
            if (b.length < 8) throw new EOFException();
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        String string() throws IOException {
            long length = u64();
            if (length < 0 || length > MAX_STRING)
                throw new IOException("a string of " + length + " bytes in the header");
            byte[] b = in.readNBytes((int) length);
            if (b.length < length) throw new EOFException();
            return new String(b, StandardCharsets.UTF_8);
        }

        Object value(int type, String key) throws IOException {
            return switch (type) {
                case 0, 1 -> fixed(1).get();
                case 2, 3 -> fixed(2).getShort();
                case 4 -> fixed(4).getInt() & 0xffffffffL;
                case 5 -> fixed(4).getInt();
                case 6 -> fixed(4).getFloat();
                case 7 -> fixed(1).get() != 0;
                case 8 -> string();
                case 9 -> skipArray(key);
                case 10, 11 -> fixed(8).getLong();
                case 12 -> fixed(8).getDouble();
                default -> throw new IOException("unknown value type " + type + " for " + key);
            };
        }

        private Long skipArray(String key) throws IOException {
            int elementType = u32();
            long length = u64();
            int size = switch (elementType) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 10, 11, 12 -> 8;
                default -> 0;
            };
            if (size > 0) {
                in.skipNBytes(length * size);
            } else {
                for (long i = 0; i < length; i++) value(elementType, key);
            }
            return length;
        }

        private ByteBuffer fixed(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) throw new EOFException();
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
