import { describe, expect, it } from 'vitest';
import { postsToCsv, postsToJson } from './export-selection';
import type { Post } from './posts-api';
import { defaultScheduleTime, toWallClock } from './wall-clock';

function post(overrides: Partial<Post> = {}): Post {
  return {
    id: 'post-1',
    workspaceId: 'ws-1',
    platform: 'x',
    channelId: null,
    status: 'draft',
    title: 'Launch',
    content: { tweets: ['Hello, "world"'], hashtags: ['#herald'] },
    parts: ['Hello, "world" #herald'],
    originType: 'manual',
    originId: null,
    mediaObjectIds: [],
    tags: ['launch', 'notes'],
    scheduledAt: null,
    publishedAt: null,
    externalId: null,
    externalUrl: null,
    lastError: null,
    attemptCount: 0,
    needsApproval: false,
    approvalState: 'not_required',
    version: 1,
    createdBy: null,
    createdAt: '2027-03-01T10:00:00.000Z',
    updatedAt: '2027-03-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('schedule times in the workspace timezone', () => {
  it('writes an instant as the wall-clock time of the timezone, not the browser', () => {
    const instant = new Date('2027-03-28T07:30:00Z');
    expect(toWallClock(instant, 'UTC')).toBe('2027-03-28T07:30');
    expect(toWallClock(instant, 'Europe/Paris')).toBe('2027-03-28T09:30');
    expect(toWallClock(instant, 'America/New_York')).toBe('2027-03-28T03:30');
  });

  it('falls back to UTC for a timezone the browser does not know', () => {
    expect(toWallClock(new Date('2027-01-01T00:05:00Z'), 'Mars/Olympus')).toBe('2027-01-01T00:05');
  });

  it('suggests a whole hour at least half an hour away', () => {
    expect(defaultScheduleTime('UTC', new Date('2027-03-01T10:10:00Z'))).toBe('2027-03-01T11:00');
    expect(defaultScheduleTime('UTC', new Date('2027-03-01T10:40:00Z'))).toBe('2027-03-01T12:00');
  });
});

describe('exporting a selection', () => {
  it('writes CSV in the columns the import reads, quoting commas, quotes and line breaks', () => {
    const csv = postsToCsv([post(), post({ title: null, parts: ['one', 'two'], tags: [] })]);
    const [header, first] = csv.split('\r\n');
    expect(header).toBe(
      'platform,title,content,text,tags,media_object_ids,needs_approval,status,scheduled_at,published_at,external_url',
    );
    expect(first).toContain('"{""tweets"":[""Hello, \\""world\\""""],""hashtags"":[""#herald""]}"');
    expect(first).toContain(',launch;notes,');
    expect(csv).toContain('"one\n\ntwo"');
  });

  it('keeps a cell a spreadsheet would evaluate as text', () => {
    const csv = postsToCsv([post({ title: '=HYPERLINK("http://evil")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('writes JSON the import reads back as {posts}', () => {
    const parsed = JSON.parse(postsToJson([post()])) as { posts: Post[] };
    expect(parsed.posts[0]?.content).toEqual(post().content);
  });
});
