// What the demo workspace "Acme Demo" holds: a small product team (Acme, a self-hosted project tool)
// that has used Herald for about five weeks. Times are relative to the seed's `now`; every address is
// on a domain reserved for examples (RFC 2606), so nothing mailed later can reach a real person.
import type { SeedEntry } from '../changelog/changelog.service.ts';
import type { SeedSubscriber } from '../subscribers/subscribers.service.ts';

const dayMs = 86_400_000;

/** `days` days before `now`, at `hourUtc`:`minute` UTC (published entries go out in the afternoon). */
export function daysAgo(now: Date, days: number, hourUtc?: number, minute = 0): Date {
  const at = new Date(now.getTime() - days * dayMs);
  if (hourUtc !== undefined) at.setUTCHours(hourUtc, minute, 0, 0);
  return at;
}

/** `days` days before `now` at 14:30 UTC, moved back to a weekday: the team ships Monday to Friday. */
export function publishedDaysAgo(now: Date, days: number): Date {
  const at = daysAgo(now, days, 14, 30);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setTime(at.getTime() - dayMs);
  return at;
}

/** The key of the entry the social posts are drafted from. */
export const launchEntryKey = 'automations';
/** The latest fix, which gets a short post of its own. */
export const latestFixKey = 'uploads';

export type DemoEntry = SeedEntry & { key: string };

/** Six published entries over the last five weeks (one major) and two drafts made from merged PRs. */
export function demoEntries(now: Date): DemoEntry[] {
  const published = (key: string, days: number, entry: Omit<SeedEntry, 'status' | 'createdAt'>) => {
    const publishedAt = publishedDaysAgo(now, days);
    // Written the day before, in the morning.
    const createdAt = daysAgo(publishedAt, 1, 10, 12);
    return { key, ...entry, status: 'published' as const, createdAt, publishedAt };
  };
  return [
    published('search', 33, {
      title: 'Search is up to 5× faster',
      category: 'Improved',
      body: [
        'Search now runs on a new index, so results appear as you type, even in workspaces with tens of thousands of tasks.',
        '',
        '- Typo-tolerant matching: `recieve` finds *receive*',
        '- Filter by assignee, label and status right in the search box',
        '- Recent searches are remembered per device',
      ].join('\n'),
    }),
    published('timezones', 27, {
      title: 'Due dates no longer shift across timezones',
      category: 'Fixed',
      body: [
        'A task due on Friday could show up as due on Thursday or Saturday for teammates in another timezone. Due dates are now stored as calendar dates rather than instants, so Friday is Friday for everyone.',
        '',
        'Existing tasks were corrected automatically; there is nothing to do on your side.',
      ].join('\n'),
    }),
    published('dark-mode', 20, {
      title: 'Dark mode',
      category: 'New',
      body: [
        "Acme now follows your system's light or dark setting. Prefer one regardless? Pick it under **Settings → Appearance**.",
        '',
        'Charts, code blocks and the command palette were retuned for contrast in both themes.',
      ].join('\n'),
    }),
    published(launchEntryKey, 12, {
      title: 'Introducing Automations',
      category: 'New',
      major: true,
      body: [
        'Automations take the busywork out of your week. Pick a trigger, add conditions, choose what happens:',
        '',
        '- **When** a pull request is merged, **move** the linked task to *Done*',
        '- **When** a task is overdue, **notify** its assignee in Slack',
        '- **Every Monday**, **create** the sprint review checklist',
        '',
        'Eleven triggers and fourteen actions are available today, and every run is logged so you can see what happened and why. Automations are included in every plan: find them under **Settings → Automations**.',
      ].join('\n'),
    }),
    published('csv-export', 7, {
      title: 'CSV export includes custom fields',
      category: 'Improved',
      body: [
        'Exports now carry every custom field as its own column, dates in ISO 8601 and multi-select values separated by semicolons.',
        '',
        'Large exports are prepared in the background; a link appears in your notifications when the file is ready.',
      ].join('\n'),
    }),
    published(latestFixKey, 3, {
      title: 'Large attachments upload reliably again',
      category: 'Fixed',
      body: 'Files over 10 MB could stall at 99% on slow connections. Uploads now go in resumable chunks and pick up where they left off after a network hiccup.',
    }),
    // Drafts as the GitHub ingest leaves them: PR titles and descriptions, not yet edited by anyone.
    {
      key: 'shortcuts',
      title: 'Keyboard shortcuts for the board view',
      category: 'New',
      status: 'draft',
      editedByUser: false,
      createdAt: daysAgo(now, 1, 16, 5),
      body: [
        'Move between cards with `J` and `K`, open one with `Enter`, assign it to yourself with `I`.',
        '',
        'Press `?` anywhere to see every shortcut.',
      ].join('\n'),
    },
    {
      key: 'duplicate-runs',
      title: 'Automation runs no longer repeat when a webhook is retried',
      category: 'Fixed',
      status: 'draft',
      editedByUser: false,
      createdAt: daysAgo(now, 0.2),
      body: 'A retried webhook delivery could run the same automation twice. Runs are now keyed by the event that triggered them, so a retry is recognised and skipped.',
    },
  ];
}

/** Mostly confirmed readers (an imported list, then sign-ups from the page), one pending, one gone. */
export function demoSubscribers(now: Date): SeedSubscriber[] {
  const imported = (email: string, preference: SeedSubscriber['preference']): SeedSubscriber => ({
    email,
    status: 'confirmed',
    preference,
    source: 'import',
    createdAt: daysAgo(now, 35, 9),
  });
  const signedUp = (
    email: string,
    preference: SeedSubscriber['preference'],
    days: number,
    confirmedVia: SeedSubscriber['confirmedVia'] = 'page:desktop',
  ): SeedSubscriber => ({
    email,
    status: 'confirmed',
    preference,
    source: 'page',
    createdAt: daysAgo(now, days, 15, 2),
    confirmedAt: daysAgo(now, days, 15, 9),
    confirmedVia,
  });
  return [
    imported('ana.souza@example.com', 'all'),
    imported('ben.okafor@example.org', 'major'),
    imported('chloe.martin@example.net', 'digest'),
    signedUp('david.kim@example.com', 'all', 20),
    signedUp('elena.rossi@example.org', 'all', 12, 'page:mobile'),
    signedUp('farid.haddad@example.net', 'major', 12),
    signedUp('grace.lee@example.com', 'digest', 6, 'page:mobile'),
    {
      email: 'hugo.bernard@example.org',
      status: 'pending',
      preference: 'all',
      source: 'page',
      createdAt: daysAgo(now, 1, 8, 40),
    },
    {
      email: 'ines.garcia@example.net',
      status: 'unsubscribed',
      preference: 'all',
      source: 'import',
      createdAt: daysAgo(now, 35, 9),
      confirmedAt: daysAgo(now, 35, 9),
      confirmedVia: 'import',
      unsubscribedAt: daysAgo(now, 9, 7, 45),
    },
  ];
}

/**
 * Social drafts: a single X post for the latest fix, a LinkedIn post and an X thread for the launch.
 * The library lists newest first, so the launch thread, made last, comes first.
 */
export function demoPosts(links: { launch: string; latestFix: string }) {
  return [
    {
      entryKey: latestFixKey,
      body: {
        platform: 'x' as const,
        title: 'Upload fix',
        tags: ['fix'],
        content: {
          tweets: [
            `Big files stuck at 99%? Not any more: uploads now go in resumable chunks and carry on after a network hiccup. ${links.latestFix}`,
          ],
          hashtags: [],
        },
      },
    },
    {
      entryKey: launchEntryKey,
      body: {
        platform: 'linkedin' as const,
        title: 'Automations launch post',
        tags: ['launch', 'automations'],
        content: {
          hook: 'Small teams lose hours every week to work about work.',
          body: [
            'Today we are launching Automations in Acme. Pick a trigger, add conditions, choose what happens:',
            '→ a merged pull request moves its task to Done',
            '→ an overdue task nudges its assignee in Slack',
            '→ every Monday, the sprint review checklist appears on its own',
            '',
            'Eleven triggers and fourteen actions to start with, and every run is logged so nothing happens behind your back.',
          ].join('\n'),
          cta: `Automations are included in every plan. What will you automate first? ${links.launch}`,
          hashtags: ['#productmanagement', '#automation'],
        },
      },
    },
    {
      entryKey: launchEntryKey,
      body: {
        platform: 'x' as const,
        title: 'Automations launch thread',
        tags: ['launch', 'automations'],
        content: {
          tweets: [
            '1/3 Automations are here. Pick a trigger, add conditions, choose what happens, and let Acme do the busywork.',
            '2/3 Move a task to Done when its pull request merges. Nudge the assignee when it is overdue. Create the sprint review checklist every Monday.',
            `3/3 Eleven triggers, fourteen actions, every run logged. Included in every plan. ${links.launch}`,
          ],
          hashtags: ['#automation', '#productivity'],
        },
      },
    },
  ];
}
