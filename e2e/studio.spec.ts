import { mkdirSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { weightedLengthX } from '../src/shared/studio/platform-rules.ts';
import { startFakeLlm } from '../test/fakes/fake-llm.ts';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';
import { grantFeatureAsStaff } from './support/staff-grants.ts';

const screensDir = 'test-results/screens';
const writer = {
  name: 'Wendy Writer',
  email: 'wendy.writer@example.com',
  password: 'correct-horse-battery-staple',
};

// About 300 words, in paragraphs, with a heading: the kind of post people paste.
const article = `# Why small teams should ship changelogs every week

Most small software teams treat the changelog as an afterthought. Someone writes it the night before a release, skims the merged pull requests, and produces a list that nobody reads. That is a missed opportunity, because a good changelog is the cheapest marketing a product team will ever do.

A weekly changelog forces a team to look at what it actually delivered. It turns invisible work into visible progress. Customers who see steady improvements trust the product more, and they renew more often. Prospects who find an active changelog assume the product is alive and cared for.

Writing for people, not for machines, is the key. A line like "refactor auth middleware" means nothing to a customer. A line like "signing in is now twice as fast on slow connections" tells them why they should care. Every entry should answer one question: what can the reader do now that they could not do before?

Consistency matters more than polish. A short update every Friday beats a beautiful essay every quarter. Teams that publish on a fixed rhythm build a habit, and readers learn when to come back. The rhythm also makes the work lighter, because each update only covers a few days.

Finally, reuse every entry. The same improvement can become a thread on X, a post on LinkedIn, a short script for a video and a paragraph in the monthly email. Each channel has its own rules and its own audience, but the core message stays the same. A team that writes once and adapts everywhere reaches far more people than a team that writes once and stops.

Start this week. Pick the three changes your customers will notice most, explain why they matter, and publish them. Then do it again next Friday.`;

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signUpAndVerify(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/verify-email/);
  const mail = await waitForMail(person.email, /verify your email/i);
  // Following the link verifies the address and signs the writer in.
  await page.goto(linkFrom(mail, e2eBaseUrl, '/api/auth/verify-email'));
  await expect(page.getByRole('heading', { name: 'Your email is verified' })).toBeVisible();
}

/** One part of the page at full resolution, for details a full-page shot shrinks away. */
async function screenshotOf(locator: Locator, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await locator.screenshot({ path: `${screensDir}/${name}.png` });
}

/** The tweet text with rockets appended until X's weighted count passes the limit. */
function pastTheLimit(text: string, limit: number): string {
  let result = `${text} `;
  while (weightedLengthX(result) <= limit) result += '🚀';
  return result;
}

test('a writer pastes an article, generates an X thread and a LinkedIn post, breaks and fixes a tweet, saves it, and finds the draft again from the history', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, writer);
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Studio' }).click();
  await expect(page.getByRole('heading', { name: 'Studio', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled();
  await screenshot(page, 'studio-01-empty');

  await page.getByRole('textbox', { name: 'Article' }).fill(article);
  await expect(page.getByTestId('source-count')).toContainText(
    `${article.length.toLocaleString('en')} / 100,000 characters`,
  );
  for (const platform of ['X thread', 'LinkedIn']) {
    await page.getByRole('checkbox', { name: platform }).check();
  }
  for (const platform of ['Threads', 'Instagram', 'TikTok script', 'Facebook', 'Email']) {
    await expect(page.getByRole('checkbox', { name: platform })).not.toBeChecked();
  }
  await page.getByLabel('Tone').selectOption('educational');
  await screenshot(page, 'studio-02-article');

  // The built-in engine answers at once: the analysis, then one card per platform.
  await page.getByRole('button', { name: 'Generate' }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByRole('heading', { name: 'Analysis' })).toBeVisible();
  await expect(result.getByTestId('core-message')).not.toBeEmpty();
  await expect(result.getByRole('heading', { name: 'Key points' })).toBeVisible();
  const xCard = page.getByRole('article', { name: 'X thread output' });
  const linkedinCard = page.getByRole('article', { name: 'LinkedIn output' });
  await expect(xCard).toBeVisible();
  await expect(linkedinCard).toBeVisible();
  await expect(linkedinCard.getByLabel('Hook', { exact: true })).not.toHaveValue('');
  await expect(xCard.getByText(/^Viral score$/i)).toBeVisible();
  await expect(xCard.getByRole('alert')).toHaveCount(0);
  await screenshot(page, 'studio-03-result');
  await screenshotOf(xCard, 'studio-03b-x-card');
  await screenshotOf(linkedinCard, 'studio-03c-linkedin-card');

  // Push the first tweet past 280 as X counts it: each emoji weighs 2.
  const firstTweet = xCard.getByLabel('Tweet 1', { exact: true });
  const generated = await firstTweet.inputValue();
  const numbering = /^\d+\/\d+ /.exec(generated)?.[0] ?? '';
  const edited = `${numbering}Ship a changelog every Friday: three changes, why they matter, done.`;
  const tooLong = pastTheLimit(edited, 280);
  await firstTweet.fill(tooLong);
  const weighted = weightedLengthX(tooLong);
  const warning = xCard.getByRole('alert');
  await expect(warning).toContainText(`Tweet 1 is ${weighted}/280 — over X's limit`);
  await expect(xCard.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  await expect(firstTweet).toHaveAttribute('aria-invalid', 'true');
  await screenshotOf(xCard, 'studio-04-tweet-over-limit');

  // Shortened again, the warning goes and the draft saves.
  await firstTweet.fill(edited);
  await expect(warning).toHaveCount(0);
  await xCard.getByRole('button', { name: 'Save draft' }).click();
  await expect(xCard.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(xCard.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  await screenshotOf(xCard, 'studio-05-saved');

  // A fresh Studio, then the generation reopened from the history: the saved draft is what shows.
  await page.goto(page.url().replace(/\?.*$/, ''));
  await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);
  const history = page.getByRole('navigation', { name: 'Past generations' });
  await history.getByRole('button', { name: /Why small teams should ship changelogs/ }).click();
  const reopened = page.getByRole('article', { name: 'X thread output' });
  await expect(reopened.getByLabel('Tweet 1', { exact: true })).toHaveValue(edited);
  await expect(reopened.getByText('Saved as a draft')).toBeVisible();
  await expect(page.getByRole('article', { name: 'LinkedIn output' })).toBeVisible();
  await screenshot(page, 'studio-06-reopened');

  // The AI provider page: the built-in engine is in use and the owner may change it.
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: 'AI provider' })
    .click();
  await expect(page.getByLabel('Engine')).toHaveValue('local');
  // A free workspace has no LLM providers: those engines are locked, with a link to upgrade.
  await expect(page.getByLabel('Engine').locator('option[value="openai-compatible"]')).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Upgrade your plan' })).toBeVisible();
  await screenshot(page, 'studio-07-ai-provider');
});

/** One second of silence as a 16-bit mono WAV: a real audio file, as small as it gets. */
function silentWav(seconds = 1, sampleRate = 8000): Buffer {
  const dataBytes = seconds * sampleRate * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

test('an owner connects an OpenAI-compatible model; the Studio follows its generation job over the event stream, and a voice note is transcribed into a generation', async ({
  page,
}) => {
  const llm = await startFakeLlm();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signUpAndVerify(page, {
      name: 'Leo Llm',
      email: 'leo.llm@example.com',
      password: writer.password,
    });
    await page.goto('/');
    await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
    // LLM providers are not on the free plan: staff grant them to this workspace first.
    const workspaceId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await grantFeatureAsStaff(workspaceId, 'llm_providers');

    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('link', { name: 'AI provider' }).click();
    await page.getByLabel('Engine').selectOption('openai-compatible');
    await page.getByLabel('Model', { exact: true }).fill('fake-model');
    await page.getByLabel('Base URL').fill(llm.baseUrl);
    await page.getByLabel('Transcription model').fill('whisper-1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(page.getByText('In use now: OpenAI-compatible · fake-model')).toBeVisible();

    // The key is write-only: once saved, only its last four characters are shown, and it can be removed.
    await page.getByLabel('API key (optional)').fill('sk-e2e-test-key-1234');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Key ending in 1234 is set')).toBeVisible();
    await expect(page.getByLabel('API key (optional)')).toHaveValue('');
    await screenshot(page, 'studio-08-ai-provider-saved');
    await page.getByRole('button', { name: 'Remove key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove key' }).click();
    await expect(page.getByText(/Key ending in/)).toHaveCount(0);

    await nav.getByRole('link', { name: 'Studio' }).click();
    await expect(page.getByText('Engine: OpenAI-compatible · fake-model')).toBeVisible();
    await page.getByRole('textbox', { name: 'Article' }).fill(article);
    // The model answers in a job: the page opens the generation's event stream to follow it.
    const stream = page.waitForRequest((request) => /\/generations\/[^/]+\/events$/.test(request.url()));
    await page.getByRole('button', { name: 'Generate' }).click();
    await stream;
    const result = page.getByRole('region', { name: 'Result' });
    await expect(result.getByTestId('core-message')).toHaveText(
      'Small teams ship faster when they protect focus time.',
    );
    await expect(result.getByText(/OpenAI-compatible · fake-model/)).toBeVisible();
    await expect(
      page.getByRole('article', { name: 'X thread output' }).getByLabel('Tweet 1', { exact: true }),
    ).toHaveValue('1/2 Small teams ship faster when they protect focus time.');
    await expect(page.getByRole('article', { name: 'LinkedIn output' })).toBeVisible();
    await screenshot(page, 'studio-09-llm-result');

    // A voice note: uploaded, transcribed by the configured model, then written like any text.
    await page.getByRole('tab', { name: 'Voice note' }).click();
    await page.getByLabel('Upload audio').setInputFiles({
      name: 'standup.wav',
      mimeType: 'audio/wav',
      buffer: silentWav(),
    });
    await expect(page.getByText(/standup\.wav/)).toBeVisible();
    await screenshotOf(page.getByRole('tabpanel'), 'studio-10-voice-note-ready');
    await page.getByRole('button', { name: 'Upload and generate' }).click();
    await expect(page.getByRole('region', { name: 'Result' })).toContainText('Hello from the voice note.');
    await expect(page.getByRole('article', { name: 'X thread output' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Past generations' }).getByRole('listitem'),
    ).toHaveCount(2);
    await screenshot(page, 'studio-11-voice-note-result');
  } finally {
    await llm.close();
  }
});

// A 1×1 PNG: enough for Herald to recognise a photo from its bytes.
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('without transcription or vision models, a voice note waits for a typed transcript and a photo is written from its description', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, {
    name: 'Vera Voice',
    email: 'vera.voice@example.com',
    password: writer.password,
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Studio' }).click();

  await page.getByRole('tab', { name: 'Voice note' }).click();
  await page.getByLabel('Upload audio').setInputFiles({
    name: 'idea.wav',
    mimeType: 'audio/wav',
    buffer: silentWav(),
  });
  await page.getByRole('button', { name: 'Upload and generate' }).click();
  await expect(page.getByRole('heading', { name: 'Voice note waiting for a transcript' })).toBeVisible();
  const transcript =
    'We now publish the changelog every Friday. Each entry says what changed and why it matters to you.';
  await page.getByLabel('Type the transcript').fill(transcript);
  await screenshot(page, 'studio-12-needs-transcript');
  await page.getByRole('button', { name: 'Generate from this transcript' }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toContainText(transcript);
  await expect(result.getByText(/From a voice note/)).toBeVisible();
  await expect(page.getByRole('article', { name: 'X thread output' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Voice note waiting for a transcript' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Photo' }).click();
  await page
    .getByLabel('Upload photo')
    .setInputFiles({ name: 'launch.png', mimeType: 'image/png', buffer: tinyPng });
  const description =
    'The team celebrating the first weekly changelog going out, laptops open on a long table.';
  await page.getByLabel('Description (optional)').fill(description);
  await screenshotOf(page.getByRole('tabpanel'), 'studio-13-photo-ready');
  await page.getByRole('button', { name: 'Upload and generate' }).click();
  await expect(result).toContainText(description);
  await expect(result.getByText(/From a photo/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Past generations' }).getByRole('listitem')).toHaveCount(
    2,
  );
  await screenshot(page, 'studio-14-photo-result');
});
