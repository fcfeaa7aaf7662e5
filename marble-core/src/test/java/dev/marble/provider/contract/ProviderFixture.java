package dev.marble.provider.contract;

import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;

import java.util.Optional;

/**
 * One provider under the contract: the real provider code, talking to something that behaves like
 * the real peer (a fake server over loopback, a stand-in CLI, a replay file).
 */
interface ProviderFixture extends AutoCloseable {

    /** What the model does on the next call. */
    ProviderFixture answer(FakeReply reply);

    /** The model under test; made after the answers are set, as a replay file needs them first. */
    ChatModel model();

    /** The last request as the peer understood it from its own wire format; empty where there is no wire. */
    Optional<SeenRequest> lastRequest();

    /** Whether Marble's tools can be offered to this provider (the Claude Code CLI runs its own). */
    boolean offersTools();

    /** Whether the provider reports cache writes separately (OpenAI has no such figure). */
    boolean reportsCacheWrites();

    /** Whether thinking is given back to the provider with a signature (Anthropic's protocol). */
    boolean sendsThinkingBack();

    @Override
    void close();
}
