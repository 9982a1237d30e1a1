import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpCrashProcesses, crashOnPostgres, crashTarget, signUpThrough } from './crash-process.ts';
import { startFakeX } from './fakes/fake-x.ts';
import { landsThenHangs } from './fakes/platform-fake.ts';
import { waitFor } from './harness.ts';

// SIGKILL in the middle of an X thread. A real Herald process posts a scheduled 3-tweet thread to the
// local fake X, which stores one tweet and then never answers: X acted, the worker never heard. The
// process is killed while that request is open. After a restart, the attempt left `started` is marked
// abandoned and the next one reads the account's timeline (X takes no idempotency key). Killed on the
// last tweet, it finds the whole chain and posts nothing; killed on the second, it finds two, records
// them as progress and posts only the third, replying to the second.

const fakes: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await cleanUpCrashProcesses();
  for (const fake of fakes) await fake.close();
});

const thread = [
  'Crash test: the first tweet of the thread.',
  'Crash test: the second, replying to the first.',
  'Crash test: the third, posted while the worker dies.',
];

describe(`a ${crashOnPostgres ? 'worker' : 'Herald'} process killed mid-thread on X`, () => {
  it.each([
    {
      held: 3,
      attempts: [
        ['abandoned', 'unknown'],
        ['confirmed_existing', null],
      ],
    },
    {
      held: 2,
      attempts: [
        ['abandoned', 'unknown'],
        // Found two of three: recorded with the ids as progress, kind `unknown` so the resume checks again.
        ['failed', 'unknown'],
        ['succeeded', null],
      ],
    },
  ])(
    'publishes each tweet once when killed while tweet $held is in flight',
    async ({ held, attempts: expected }) => {
      const x = await startFakeX();
      fakes.push(x);
      const target = await crashTarget({
        X_CLIENT_ID: x.clientId,
        X_CLIENT_SECRET: x.clientSecret,
        X_API_BASE_URL: x.url,
        X_AUTHORIZE_URL: `${x.url}/i/oauth2/authorize`,
        // Room for the kill to land before the worker's own time limit; the lease is then 14 s.
        PUBLISH_TIMEOUT_MS: '2000',
      });
      let herald = target.start();
      await herald.ready();
      const { cookie, base } = await signUpThrough(target, 'crash-x@example.com');

      // Connect X through the fake's consent page, as a person would in the browser.
      const started = await target.call('POST', `${base}/channels/connect/x`, undefined, cookie);
      expect(started.status).toBe(200);
      const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
      const consent = await fetch(authorizeUrl, { redirect: 'manual' });
      const callback = new URL(consent.headers.get('location') ?? '');
      const connected = await target.call('GET', `${callback.pathname}${callback.search}`, undefined, cookie);
      expect(connected.status).toBe(302);
      const { items } = (await (await target.call('GET', `${base}/channels`, undefined, cookie)).json()) as {
        items: Array<{ id: string; kind: string }>;
      };
      const channel = items.find((c) => c.kind === 'x');
      if (!channel) throw new Error(`no X channel: ${JSON.stringify(items)}`);

      const draft = (await (
        await target.call(
          'POST',
          `${base}/posts`,
          { platform: 'x', content: { tweets: thread, hashtags: [] } },
          cookie,
        )
      ).json()) as { id: string };
      x.failTweetCall(x.tweetCalls() + held, landsThenHangs);
      const scheduled = await target.call(
        'POST',
        `${base}/posts/${draft.id}/schedule`,
        { scheduledAt: new Date(Date.now() + 1500).toISOString(), channelId: channel.id },
        cookie,
      );
      expect(scheduled.status).toBe(200);

      await x.waitForHeld(1, 60_000);
      herald.child.kill('SIGKILL');
      await herald.exited;
      // The fake stored the held tweet; only its answer never reached the worker.
      expect(x.tweets.map((t) => t.text)).toEqual(thread.slice(0, held));
      const afterKill = await target
        .call('GET', `${base}/posts/${draft.id}`, undefined, cookie)
        .catch(() => null);
      if (afterKill) expect(((await afterKill.json()) as { status: string }).status).toBe('scheduled');

      herald = target.start();
      await herald.ready();
      const published = await waitFor(async () => {
        const post = (await (
          await target.call('GET', `${base}/posts/${draft.id}`, undefined, cookie)
        ).json()) as { status: string; externalId: string | null };
        return post.status !== 'scheduled' && post;
      }, 90_000);
      herald.child.kill('SIGTERM');
      await herald.exited;

      expect(published.status).toBe('published');
      // Exactly once: one call per tweet, no duplicate text; the recovery posted only what was missing.
      expect(x.tweetCalls()).toBe(thread.length);
      expect(x.tweets.map((t) => t.text)).toEqual(thread);
      const [first, second, third] = x.tweets;
      expect([first?.inReplyTo, second?.inReplyTo, third?.inReplyTo]).toEqual([null, first?.id, second?.id]);
      expect(published.externalId).toBe(first?.id);
      const attempts = await target.attemptsOf(draft.id);
      expect(attempts.map((a) => [a.status, a.errorKind])).toEqual(expected);
      if (held < thread.length) expect(attempts[1]?.externalId).toBe(`${first?.id},${second?.id}`);
      expect(attempts.at(-1)?.externalId).toBe(first?.id);
    },
    240_000,
  );
});
