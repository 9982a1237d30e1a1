import { z } from 'zod';
import {
  callPlatform,
  failureOf,
  type PublisherDeps,
  requireAccessToken,
  retryAfterOf,
  searchStart,
  textForMatching,
} from './platform-call.ts';
import { type PublishedRef, type Publisher, publishFailure } from './publisher.ts';

// LinkedIn's versioned Posts API (POST /rest/posts): one post, the parts joined by blank lines, as the
// member (urn:li:person:…) or a page (urn:li:organization:…). The new post's URN comes back in the
// x-restli-id header. LinkedIn refuses the same text twice with "Content is a duplicate of <urn>":
// that post is ours from an earlier attempt, so it is reported as published rather than failed.

const reserved = /[\\|{}@[\]()<>*_~]|#(?!\w)/g;

/**
 * LinkedIn reads `commentary` as its "little" text format, where \ | { } @ [ ] ( ) < > # * _ ~ are
 * markup: unescaped, LinkedIn silently cuts the post at the first one. Links stay as they are (so they
 * still link) and #hashtag stays a hashtag.
 */
export function toLittleText(text: string): string {
  return text
    .split(/(https?:\/\/\S+)/)
    .map((piece, index) => (index % 2 === 1 ? piece : piece.replace(reserved, (char) => `\\${char}`)))
    .join('');
}

/** Back from the little format as LinkedIn returns it: hashtag templates and escapes undone. */
export function fromLittleText(text: string): string {
  return text.replace(/\{hashtag\|\\?#\|([^}]+)\}/g, '#$1').replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1');
}

export function linkedInPostUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}`;
}

const postsSchema = z.object({
  elements: z.array(
    z.object({
      id: z.string(),
      commentary: z.string().optional(),
      createdAt: z.number().optional(),
      publishedAt: z.number().optional(),
    }),
  ),
});

function detailOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message.slice(0, 500) : `HTTP ${status}`;
}

/** How many of the author's latest posts are compared with this one. */
const recentPostsChecked = 50;

export function createLinkedInPublisher(deps: PublisherDeps): Publisher {
  const api = deps.config.LINKEDIN_API_BASE_URL.replace(/\/+$/, '');
  const restHeaders = (token: string) => ({
    authorization: `Bearer ${token}`,
    'LinkedIn-Version': deps.config.LINKEDIN_API_VERSION,
    'X-Restli-Protocol-Version': '2.0.0',
  });
  const authorOf = (urn: string | null) => {
    if (!urn || !/^urn:li:(person|organization):[\w-]+$/.test(urn)) {
      throw publishFailure('permanent', 'The LinkedIn channel has no author to post as; connect it again');
    }
    return urn;
  };
  const joined = (parts: string[]) => parts.join('\n\n');

  return {
    kind: 'linkedin',

    async publish(post, credentials, signal): Promise<PublishedRef> {
      const token = requireAccessToken(credentials, 'LinkedIn');
      const author = authorOf(credentials.authorUrn);
      if (post.media.length > 0) {
        throw publishFailure(
          'permanent',
          'Herald does not upload media to LinkedIn yet; remove the media or post it by hand',
        );
      }
      const text = joined(post.parts);
      if (!text.trim()) throw publishFailure('permanent', 'There is nothing to post');
      const response = await callPlatform(deps, 'LinkedIn', `${api}/rest/posts`, {
        method: 'POST',
        headers: { ...restHeaders(token), 'content-type': 'application/json' },
        body: JSON.stringify({
          author,
          commentary: toLittleText(text),
          visibility: 'PUBLIC',
          distribution: {
            feedDistribution: 'MAIN_FEED',
            targetEntities: [],
            thirdPartyDistributionChannels: [],
          },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        }),
        signal,
      });
      if (response.status === 201 || response.status === 200) {
        const urn = response.headers.get('x-restli-id') ?? response.headers.get('x-linkedin-id');
        if (!urn)
          throw publishFailure(
            'retryable',
            'LinkedIn answered without the post id; whether it posted is unknown',
          );
        return { externalId: urn, externalUrl: linkedInPostUrl(urn) };
      }
      const detail = detailOf(response.json, response.status);
      const duplicateOf = /duplicate of (urn:li:(?:share|ugcPost):\d+)/i.exec(detail)?.[1];
      if (response.status === 422 && duplicateOf)
        return { externalId: duplicateOf, externalUrl: linkedInPostUrl(duplicateOf) };
      throw failureOf('LinkedIn', response, detail, retryAfterOf(response, deps.clock.now()));
    },

    async findPublished(post, credentials, since, signal) {
      const token = requireAccessToken(credentials, 'LinkedIn');
      const author = authorOf(credentials.authorUrn);
      const url = `${api}/rest/posts?author=${encodeURIComponent(author)}&q=author&count=${recentPostsChecked}&sortBy=CREATED`;
      const response = await callPlatform(deps, 'LinkedIn', url, {
        method: 'GET',
        headers: { ...restHeaders(token), 'X-RestLi-Method': 'FINDER' },
        signal,
      });
      if (response.status !== 200) {
        const detail = detailOf(response.json, response.status);
        if ([401, 429].includes(response.status) || response.status >= 500) {
          throw failureOf('LinkedIn', response, detail, retryAfterOf(response, deps.clock.now()));
        }
        // Reading a member's posts needs r_member_social, which LinkedIn grants few apps. Unable to
        // check, Herald stops rather than risk a second copy.
        throw publishFailure(
          'permanent',
          `LinkedIn did not let Herald check whether an earlier attempt was posted (${response.status}: ${detail}); look at the profile or page and publish again by hand if it is missing`,
          response.status,
        );
      }
      const body = postsSchema.safeParse(response.json);
      if (!body.success) throw publishFailure('retryable', 'LinkedIn sent an unreadable list of posts', 200);
      const wanted = textForMatching(joined(post.parts));
      const after = searchStart(since).getTime();
      const found = body.data.elements.find(
        (element) =>
          (element.createdAt ?? element.publishedAt ?? 0) >= after &&
          textForMatching(fromLittleText(element.commentary ?? '')) === wanted,
      );
      return found ? { externalId: found.id, externalUrl: linkedInPostUrl(found.id) } : null;
    },
  };
}
