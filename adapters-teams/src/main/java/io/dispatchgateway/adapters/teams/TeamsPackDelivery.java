package io.dispatchgateway.adapters.teams;

import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.port.PackDelivery;
import java.net.URI;

/** Posts each dispatch pack (and each update of it) to the technicians' Teams channel, with its signed link. */
public class TeamsPackDelivery implements PackDelivery {

    private final TeamsWebhook webhook;
    private final ApprovalCards cards;
    private final URI channel;

    public TeamsPackDelivery(TeamsWebhook webhook, ApprovalCards cards, URI channel) {
        this.webhook = webhook;
        this.cards = cards;
        this.channel = channel;
    }

    @Override
    public void deliver(DispatchPack pack) {
        webhook.post(channel, cards.packMessage(pack));
    }
}
