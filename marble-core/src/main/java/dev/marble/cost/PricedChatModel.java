package dev.marble.cost;

import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;

/**
 * Adds a cost to each response: what the provider reported if it did (the Claude Code CLI), free for
 * local servers and replays, else the pricing table's figure, else unknown (never zero by mistake).
 */
public final class PricedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final PricingTable pricing;
    private final boolean free;

    public PricedChatModel(ChatModel delegate, PricingTable pricing, boolean free) {
        this.delegate = delegate;
        this.pricing = pricing;
        this.free = free;
    }

    @Override
    public ModelRef ref() {
        return delegate.ref();
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        ChatResponse response = delegate.chat(request, listener);
        if (response.cost().source() == Cost.Source.PROVIDER_REPORTED
                || response.cost().source() == Cost.Source.FREE) {
            return response;
        }
        var priced = pricing.cost(response.model().model(), response.usage())
                .or(() -> pricing.cost(delegate.ref().model(), response.usage()));
        if (priced.isPresent()) return response.withCost(new Cost(priced.get(), Cost.Source.PRICING_TABLE));
        return response.withCost(free ? Cost.FREE : Cost.UNKNOWN);
    }
}
