import { useParams } from '@tanstack/react-router';
import { LinkIcon } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Card, CardBody } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { Logo } from '../../components/logo';
import { LoadingBlock } from '../../components/spinner';
import { isApiError } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useReview } from './approvals-queries';
import { ReviewPostCard } from './review-post-card';

const NAME_KEY = 'herald.reviewerName';

function readName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-gray-50">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center px-4 sm:px-6">
          <Logo />
          <span className="ml-3 text-sm text-gray-500">Post review</span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

export function LinkGone() {
  return (
    <Card className="mx-auto max-w-lg">
      <CardBody className="py-12 text-center">
        <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-gray-100 text-gray-500">
          <LinkIcon className="size-5" aria-hidden />
        </div>
        <h1 className="mt-4 text-lg font-semibold text-gray-900">This link has expired or was revoked</h1>
        <p className="mt-2 text-sm text-gray-500">
          Review links work for a limited time. Ask the person who shared it with you for a new one.
        </p>
      </CardBody>
    </Card>
  );
}

/** The public page an outside reviewer opens: no account, just the link. */
export function ReviewPage() {
  const { token } = useParams({ strict: false }) as { token: string };
  const review = useReview(token);
  const [name, setName] = useState(readName);
  const [gone, setGone] = useState(false);
  const [nameMissing, setNameMissing] = useState(false);
  useDocumentTitle(review.data ? `Review · ${review.data.workspaceName}` : 'Review');

  useEffect(() => {
    try {
      localStorage.setItem(NAME_KEY, name);
    } catch {
      // Remembering the name is a convenience only.
    }
  }, [name]);

  if (gone || (review.isError && isApiError(review.error) && review.error.status === 404)) {
    return (
      <Shell>
        <LinkGone />
      </Shell>
    );
  }
  if (review.isPending) {
    return (
      <Shell>
        <LoadingBlock />
      </Shell>
    );
  }
  if (review.isError) {
    return (
      <Shell>
        <ErrorBanner message={review.error.message} />
      </Shell>
    );
  }
  const data = review.data;
  const count = data.posts.length;

  return (
    <Shell>
      <div className="mb-6 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">
          {data.workspaceName} asks for your review
        </h1>
        <p className="text-sm text-gray-500">
          {count === 1 ? 'One post' : `${count} posts`} · this link works until{' '}
          {formatDateTime(data.expiresAt)}
        </p>
      </div>
      {data.note ? (
        <blockquote className="mb-6 rounded-lg border-l-4 border-indigo-300 bg-white px-4 py-3 text-sm whitespace-pre-wrap text-gray-700 shadow-xs">
          {data.note}
        </blockquote>
      ) : null}
      <Card className="mb-6">
        <CardBody>
          <TextField
            id="reviewer-name"
            label="Your name"
            value={name}
            maxLength={80}
            autoComplete="name"
            onChange={(event) => {
              setName(event.target.value);
              setNameMissing(false);
            }}
            error={nameMissing ? 'Enter your name before answering.' : undefined}
            hint="Shown with your answers so the team knows who approved."
          />
        </CardBody>
      </Card>
      <div className="space-y-6">
        {data.posts.map((post) => (
          <ReviewPostCard
            key={post.id}
            token={token}
            post={post}
            author={data.workspaceName}
            reviewerName={name}
            onNameMissing={() => {
              setNameMissing(true);
              const field = document.getElementById('reviewer-name');
              field?.focus();
              field?.scrollIntoView({ block: 'center' });
            }}
            onGone={() => setGone(true)}
          />
        ))}
      </div>
    </Shell>
  );
}
