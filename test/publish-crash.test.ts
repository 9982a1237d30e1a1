import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpCrashProcesses, crashOnPostgres, crashTarget, signUpThrough } from './crash-process.ts';
import { startWebhookReceiver } from './fakes/webhook-receiver.ts';
import { waitFor } from './harness.ts';

// SIGKILL in the middle of a publish. A real Herald process publishes a scheduled post to a local
// webhook receiver that holds the request open; the receiver has it (and acts on it) when the process
// is killed. After a restart the post must end `published` with the receiver having processed it once:
// the retry carries the same idempotency key, so the receiver's dedupe drops the second copy.
//
// The processes are started by crash-process.ts (the embedded server on PGlite, a worker on PostgreSQL).

afterAll(cleanUpCrashProcesses);

describe(`a ${crashOnPostgres ? 'worker' : 'Herald'} process killed mid-publish`, () => {
  it('publishes the post exactly once after a restart', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const target = await crashTarget();
      let herald = target.start();
      await herald.ready();

      const { cookie, base } = await signUpThrough(target, 'crash@example.com');
      const channel = (await (
        await target.call('POST', `${base}/channels/webhook`, { name: 'Receiver', url: receiver.url }, cookie)
      ).json()) as {
        channel: { id: string };
      };
      const draft = (await (
        await target.call(
          'POST',
          `${base}/posts`,
          { platform: 'x', content: { tweets: ['Exactly once, even now.'], hashtags: [] } },
          cookie,
        )
      ).json()) as { id: string };
      receiver.respondWith(() => 'hold');
      const scheduledAt = new Date(Date.now() + 1500).toISOString();
      const scheduled = await target.call(
        'POST',
        `${base}/posts/${draft.id}/schedule`,
        { scheduledAt, channelId: channel.channel.id },
        cookie,
      );
      expect(scheduled.status).toBe(200);

      await receiver.waitForDeliveries(1, 60_000);
      herald.child.kill('SIGKILL');
      await herald.exited;
      // The receiver acted on the request; only the answer never made it back.
      const first = receiver.deliveries[0];
      if (!first) throw new Error('no delivery');
      receiver.processed.set(first.key, first);
      receiver.respondWith(() => ({ status: 200 }));
      const afterKill = await target
        .call('GET', `${base}/posts/${draft.id}`, undefined, cookie)
        .catch(() => null);
      if (afterKill) expect(((await afterKill.json()) as { status: string }).status).toBe('scheduled');

      herald = target.start();
      await herald.ready();
      const published = await waitFor(async () => {
        const post = (await (
          await target.call('GET', `${base}/posts/${draft.id}`, undefined, cookie)
        ).json()) as { status: string };
        return post.status === 'published' && post;
      }, 90_000);
      expect(published.status).toBe('published');
      expect(receiver.deliveries).toHaveLength(2);
      expect(receiver.deliveries.map((d) => d.key)).toEqual([first.key, first.key]);
      expect(receiver.processed.size).toBe(1);
      expect(receiver.deliveries[1]?.status).toBe(200);
      herald.child.kill('SIGTERM');
      await herald.exited;
    } finally {
      await receiver.close();
    }
  }, 240_000);
});
