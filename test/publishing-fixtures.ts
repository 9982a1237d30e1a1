import { expect } from 'vitest';
import { json, signUp, type TestApp } from './harness.ts';

// A workspace with a webhook channel pointed at a local receiver, and posts in it, through the API.

export interface PublishingUser {
  cookie: string;
  userId: string;
  workspaceId: string;
  channelId: string;
  secret: string;
}

export interface ApiPost {
  id: string;
  status: 'draft' | 'scheduled' | 'published' | 'failed';
  version: number;
  scheduledAt: string | null;
  publishedAt: string | null;
  externalId: string | null;
  lastError: string | null;
  attemptCount: number;
}

let counter = 0;

export async function publishingUser(
  t: TestApp,
  receiverUrl: string,
  label = 'pub',
): Promise<PublishingUser> {
  counter += 1;
  const user = await signUp(t, `${label}-${process.pid}-${counter}@example.com`, 'Pat Publisher');
  const created = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/channels/webhook`, {
    cookie: user.cookie,
    body: { name: 'Receiver', url: receiverUrl },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { channel, secret } = await json<{ channel: { id: string }; secret: string }>(created);
  return { ...user, channelId: channel.id, secret };
}

export async function draftPost(
  t: TestApp,
  user: PublishingUser,
  text = 'Herald publishes every post exactly once.',
  extra: Record<string, unknown> = {},
): Promise<ApiPost> {
  const response = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
    cookie: user.cookie,
    body: { platform: 'x', content: { tweets: [text], hashtags: [] }, ...extra },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<ApiPost>(response);
}

export function schedule(t: TestApp, user: PublishingUser, postId: string, scheduledAt: string | Date) {
  return t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts/${postId}/schedule`, {
    cookie: user.cookie,
    body: {
      scheduledAt: scheduledAt instanceof Date ? scheduledAt.toISOString() : scheduledAt,
      channelId: user.channelId,
    },
  });
}

export async function scheduled(t: TestApp, user: PublishingUser, postId: string, at: string | Date) {
  const response = await schedule(t, user, postId, at);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<ApiPost>(response);
}

export async function readPost(t: TestApp, user: PublishingUser, postId: string): Promise<ApiPost> {
  const response = await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/posts/${postId}`, {
    cookie: user.cookie,
  });
  expect(response.status).toBe(200);
  return json<ApiPost>(response);
}
