package io.dispatchgateway.adapters.teams;

import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.port.PackDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each dispatch pack (and each update of it) to its technician: to their own chat or channel
 * ({@code technician-webhooks}) with the signed pack link; otherwise to the channel all technicians share, where
 * the card opens the job behind a login instead, unless {@code shared-channel-links} says the link may go there.
 */
public class TeamsPackDelivery implements PackDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsPackDelivery.class);

    private final TeamsWebhook webhook;
    private final ApprovalCards cards;
    private final TeamsProperties properties;

    public TeamsPackDelivery(TeamsWebhook webhook, ApprovalCards cards, TeamsProperties properties) {
        this.webhook = webhook;
        this.cards = cards;
        this.properties = properties;
    }

    @Override
    public void deliver(DispatchPack pack) {
        var own = properties.technicianWebhooks().get(pack.technicianId());
        if (own != null) {
            webhook.post(own, cards.packMessage(pack, true));
        } else if (properties.packWebhookUrl() != null) {
            webhook.post(properties.packWebhookUrl(), cards.packMessage(pack, properties.sharedChannelLinks()));
        } else {
            LOG.debug("no Teams channel for technician {}: pack of job {} not posted", pack.technicianId(),
                    pack.jobId());
        }
    }
}
