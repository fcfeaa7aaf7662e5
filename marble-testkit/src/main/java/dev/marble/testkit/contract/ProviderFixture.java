package dev.marble.testkit.contract;

import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.util.Optional;

/**
 * One provider under the contract: the real provider code, talking to something that behaves like
 * the real peer (a fake server over loopback, a stand-in CLI, a replay file, or a real model).
 */
public interface ProviderFixture extends AutoCloseable {

    /**
     * What the peer answers on the next call. A fixture whose peer is a real model cannot be told what to
     * say: it ignores the reply, and its test switches {@link ChatModelContract#followsScript()} off.
     */
    ProviderFixture answer(FakeReply reply);

    /** The model under test; made after the answers are set, as a replay file needs them first. */
    ChatModel model();

    /** The last request as the peer understood it from its own wire format; empty where there is no wire. */
    default Optional<SeenRequest> lastRequest() {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
