// Valid answers the fake LLM gives by default, one per task named on the prompt's `Task:` line.
// Each fits its platform's default limits, so an unscripted call always succeeds.
import type { Platform } from '../../src/shared/studio/studio-types.ts';

export type FakeLlmTask = 'analysis' | Platform | 'rewrite' | 'vision' | 'unknown';

export const defaultAnswers: Record<Exclude<FakeLlmTask, 'vision' | 'unknown'>, Record<string, unknown>> = {
  // A changelog entry rewritten for readers (features/changelog).
  rewrite: {
    title: 'Added dark mode',
    body: 'The app now follows your system theme, so late-night sessions are easier on the eyes.',
  },
  analysis: {
    coreMessage: 'Small teams ship faster when they protect focus time.',
    keyPoints: [
      'Meetings fragment the day.',
      'Two long focus blocks beat six short ones.',
      'Written updates replace most status meetings.',
    ],
    topic: 'Team productivity',
    audience: 'Engineering managers',
    keywords: ['focus', 'meetings', 'shipping'],
    entities: ['Herald'],
  },
  x: {
    tweets: [
      'Small teams ship faster when they protect focus time.',
      'Replace status meetings with written updates.',
    ],
    hashtags: ['#productivity'],
  },
  threads: {
    posts: [
      'Small teams ship faster when they protect focus time.',
      'Try two meeting-free afternoons a week.',
    ],
  },
  linkedin: {
    hook: 'Your calendar is why your team ships slowly.',
    body: 'Meetings fragment the day.\n\nTwo long focus blocks beat six short ones, and written updates replace most status meetings.',
    cta: 'What would you cancel first?',
    hashtags: ['#leadership', '#productivity', '#engineering'],
  },
  instagram: {
    caption: 'Protect your focus time: fewer meetings, more shipping.',
    hashtags: ['#productivity', '#focus'],
  },
  tiktok: {
    hook: 'Your team does not need another meeting.',
    talkingPoints: [
      'Meetings fragment the day.',
      'Block two focus sessions.',
      'Write the status update instead.',
    ],
    cta: 'Follow for more team tips.',
    caption: 'Fewer meetings, faster shipping.',
    hashtags: ['#productivity', '#worktok'],
  },
  facebook: {
    text: 'Small teams ship faster when they protect focus time. Try replacing one status meeting with a written update this week.',
    hashtags: ['#productivity'],
  },
  email: {
    subject: 'Ship faster with fewer meetings',
    previewText: 'Two focus blocks a day change everything.',
    text: 'Hello,\n\nSmall teams ship faster when they protect focus time.\n\nTry replacing one status meeting with a written update this week.',
  },
};

export const defaultVisionAnswer =
  'A bowl of ramen with a soft-boiled egg on a wooden table, warm evening light.';

const knownTasks = new Set<string>([...Object.keys(defaultAnswers), 'vision']);

/** The task a prompt asks for: its `Task:` line, or `vision` when it carries an image. */
export function taskOf(prompt: string, hasImage: boolean): FakeLlmTask {
  if (hasImage) return 'vision';
  const named = /Task: ([\w-]+)/.exec(prompt)?.[1];
  return named && knownTasks.has(named) ? (named as FakeLlmTask) : 'unknown';
}
