// The subscriber's side, no session: sign-up (JSON from the widget or any site, CORS *; a plain form
// post from the public changelog page), the confirmation page and its button, one-click unsubscribe
// (RFC 8058) and preferences behind signed links. Mounted before the web UI.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { limitBodySize } from '../../http/body-limit.ts';
import { openCors } from '../../http/cors.ts';
import { createRouter, idParam, jsonResponse, standardErrors } from '../../http/router.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findPublicWorkspaceBySlug } from '../public-changelog/public-changelog.service.ts';
import { publicChangelogUrl } from '../public-changelog/public-changelog.urls.ts';
import { signedLink, verifyLinkSignature } from './subscribers.links.ts';
import {
  checkYourMailPage,
  confirmedPage,
  confirmPage,
  invalidLinkPage,
  preferencesPage,
  subscriberPageHeaders,
  unsubscribePage,
} from './subscribers.pages.ts';
import {
  changePreference,
  confirmSubscription,
  findByConfirmToken,
  findSubscriber,
  subscribe,
  unsubscribe,
} from './subscribers.service.ts';
import { subscriberPreferences } from './subscribers.table.ts';

const tags = ['Subscribers'];
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;
const subscribePath = '/api/public/changelog/:workspaceSlug/subscribe';

export const subscribeBodySchema = z
  .object({
    email: z.string().trim().min(3).max(254),
    preference: z.enum(subscriberPreferences).default('all'),
    source: z.enum(['page', 'widget', 'api']).default('api'),
  })
  .openapi('SubscribeBody');

// The page's form: any strings (the handler checks them and answers a person with a page).
const subscribeFormSchema = z.object({ email: z.string().optional(), preference: z.string().optional() });

export const publicSubscribersRouter = createRouter();

publicSubscribersRouter.use(subscribePath, openCors('POST, OPTIONS'));
publicSubscribersRouter.use('/subscribe/*', limitBodySize(16 * 1024));

const isForm = (c: Context<AppEnv>) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '');

async function formField(c: Context<AppEnv>, name: string): Promise<string> {
  if (!isForm(c)) return '';
  const body = await c.req.parseBody();
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

const checkMessage =
  'If the address can be subscribed, a confirmation mail is on its way. The subscription starts once its link is confirmed.';

publicSubscribersRouter.openapi(
  createRoute({
    method: 'post',
    path: '/api/public/changelog/{workspaceSlug}/subscribe',
    tags,
    summary: 'Subscribe to a changelog by email (double opt-in; no account; CORS *)',
    description:
      'JSON `{ email, preference?: all|major|digest }`, or a form post (the public page; answered with an HTML page). The answer is the same whether or not the address is already subscribed; a confirmation mail is sent within the hourly limits per address and per IP.',
    request: {
      params: z.object({ workspaceSlug: idParam('workspaceSlug') }),
      body: {
        required: false,
        content: {
          'application/json': { schema: subscribeBodySchema },
          'application/x-www-form-urlencoded': { schema: subscribeFormSchema },
        },
      },
    },
    responses: {
      200: {
        description: 'A form post: the "check your mail" page',
        content: { 'text/html': { schema: z.string() } },
      },
      202: jsonResponse(z.object({ status: z.literal('check_your_email'), message: z.string() }), 'Accepted'),
      ...publicErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const slug = c.req.valid('param').workspaceSlug;
    const workspace = await findPublicWorkspaceBySlug(deps, slug);
    const form = isForm(c);
    if (!workspace) {
      if (form) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
      throw notFound('Changelog');
    }
    let input: unknown;
    if (form) {
      const body = c.req.valid('form');
      input = { email: body.email, preference: body.preference || undefined, source: 'page' };
    } else if (/^application\/json/i.test(c.req.header('content-type') ?? '')) {
      input = c.req.valid('json');
    } else {
      throw new AppError('unsupported_media_type', 'Send JSON or a form post');
    }
    const parsed = subscribeBodySchema.safeParse(input);
    if (!parsed.success) {
      if (form) {
        return c.html(
          invalidLinkPage().replace('This link is not valid', 'That address does not look right'),
          422,
          subscriberPageHeaders,
        );
      }
      throw parsed.error;
    }
    const outcome = await subscribe(deps, {
      workspace,
      email: parsed.data.email,
      preference: parsed.data.preference,
      source: parsed.data.source,
      request: c.get('request'),
    });
    c.get('log').info({ outcome }, 'subscribe request');
    if (form) {
      return c.html(
        checkYourMailPage(workspace.name, publicChangelogUrl(deps.config.publicUrl, workspace.slug)),
        200,
        subscriberPageHeaders,
      );
    }
    return c.json({ status: 'check_your_email' as const, message: checkMessage }, 202);
  },
);

// The link in the mail: a page with a button. Reading it changes nothing (mail scanners follow links).
publicSubscribersRouter.get('/subscribe/confirm', async (c) => {
  const token = c.req.query('token') ?? '';
  const found = await findByConfirmToken(c.get('deps'), token);
  if (!found) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  return c.html(confirmPage(token), 200, subscriberPageHeaders);
});

publicSubscribersRouter.post('/subscribe/confirm', async (c) => {
  const deps = c.get('deps');
  const token = (await formField(c, 'token')) || (c.req.query('token') ?? '');
  const row = await confirmSubscription(deps, token, c.get('request'));
  if (!row) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  const preferences = signedLink(deps.config.publicUrl, deps.authSecret, 'preferences', row.id);
  return c.html(confirmedPage(preferences), 200, subscriberPageHeaders);
});

/** The subscriber a signed link names, or undefined (bad signature, unknown id). */
async function signedSubscriber(c: Context<AppEnv>, purpose: 'unsubscribe' | 'preferences') {
  const deps = c.get('deps');
  const id = c.req.query('s') ?? '';
  if (!verifyLinkSignature(deps.authSecret, purpose, id, c.req.query('sig') ?? '')) return undefined;
  return findSubscriber(deps.db, id);
}

const selfUrl = (c: Context<AppEnv>) => {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
};

publicSubscribersRouter.get('/subscribe/unsubscribe', async (c) => {
  const subscriber = await signedSubscriber(c, 'unsubscribe');
  if (!subscriber) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  return c.html(
    unsubscribePage(selfUrl(c), subscriber.email, subscriber.status === 'unsubscribed'),
    200,
    subscriberPageHeaders,
  );
});

// RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here, without a session or any cookie.
publicSubscribersRouter.post('/subscribe/unsubscribe', async (c) => {
  const subscriber = await signedSubscriber(c, 'unsubscribe');
  if (!subscriber) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  const oneClick = (await formField(c, 'List-Unsubscribe')) === 'One-Click';
  const row = await unsubscribe(
    c.get('deps'),
    subscriber.id,
    c.get('request'),
    oneClick ? 'one-click' : 'page',
  );
  return c.html(
    unsubscribePage(selfUrl(c), row?.email ?? subscriber.email, true),
    200,
    subscriberPageHeaders,
  );
});

publicSubscribersRouter.get('/subscribe/preferences', async (c) => {
  const deps = c.get('deps');
  const subscriber = await signedSubscriber(c, 'preferences');
  if (!subscriber) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  const unsubscribeUrl = signedLink(deps.config.publicUrl, deps.authSecret, 'unsubscribe', subscriber.id);
  return c.html(
    preferencesPage(selfUrl(c), subscriber.email, subscriber.preference, false, unsubscribeUrl),
    200,
    subscriberPageHeaders,
  );
});

publicSubscribersRouter.post('/subscribe/preferences', async (c) => {
  const deps = c.get('deps');
  const subscriber = await signedSubscriber(c, 'preferences');
  if (!subscriber) return c.html(invalidLinkPage(), 404, subscriberPageHeaders);
  const parsed = z.enum(subscriberPreferences).safeParse(await formField(c, 'preference'));
  const unsubscribeUrl = signedLink(deps.config.publicUrl, deps.authSecret, 'unsubscribe', subscriber.id);
  if (!parsed.success) {
    return c.html(
      preferencesPage(selfUrl(c), subscriber.email, subscriber.preference, false, unsubscribeUrl),
      422,
      subscriberPageHeaders,
    );
  }
  const row = await changePreference(deps, subscriber.id, parsed.data, c.get('request'));
  return c.html(
    preferencesPage(selfUrl(c), subscriber.email, row?.preference ?? parsed.data, true, unsubscribeUrl),
    200,
    subscriberPageHeaders,
  );
});
