import type { AppDeps } from '../../../app-context.ts';
import type { ChannelKind } from '../../channels/channels.table.ts';
import { createLinkedInPublisher } from './linkedin-publisher.ts';
import type { Publisher } from './publisher.ts';
import { createWebhookPublisher } from './webhook-publisher.ts';
import { createXPublisher } from './x-publisher.ts';

export type PublisherRegistryDeps = Pick<AppDeps, 'config' | 'clock'>;

/** The adapter for a channel kind; base URLs, time limits and the SSRF setting come from config. */
export function publisherFor(kind: ChannelKind, deps: PublisherRegistryDeps): Publisher {
  switch (kind) {
    case 'x':
      return createXPublisher(deps);
    case 'linkedin':
      return createLinkedInPublisher(deps);
    case 'webhook':
      return createWebhookPublisher({
        clock: deps.clock,
        allowPrivate: deps.config.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
        timeoutMs: deps.config.PUBLISH_TIMEOUT_MS,
      });
  }
}
