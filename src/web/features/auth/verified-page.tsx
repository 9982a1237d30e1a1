import { getRouteApi, Link } from '@tanstack/react-router';
import { CircleCheck, CircleX } from 'lucide-react';
import { useMemo } from 'react';
import { buttonClasses } from '../../components/button';
import { readPendingRedirect, rememberPendingRedirect } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/verified');

export function VerifiedPage() {
  const { error } = routeApi.useSearch();
  useDocumentTitle(error ? 'Verification link invalid' : 'Email verified');
  // Where the user was heading before verifying, e.g. an invitation to accept.
  const next = useMemo(() => readPendingRedirect() ?? '/', []);

  if (error) {
    return (
      <AuthCard
        title="This link did not work"
        description="The verification link is invalid or has expired. Request a new one and try again."
      >
        <div className="flex flex-col items-center gap-6 text-center">
          <CircleX className="size-12 text-red-500" aria-hidden />
          <Link to="/verify-email" search={{}} className={buttonClasses('primary', 'md', 'w-full')}>
            Send a new link
          </Link>
          <Link to="/sign-in" search={{}} className={textLinkClass}>
            Back to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Your email is verified"
      description="Thanks for confirming your address. Your account is ready."
    >
      <div className="flex flex-col items-center gap-6 text-center">
        <CircleCheck className="size-12 text-emerald-500" aria-hidden />
        {/* A full navigation so the app reloads the session the verification may have started. */}
        <a
          href={next}
          onClick={() => rememberPendingRedirect(undefined)}
          className={buttonClasses('primary', 'md', 'w-full')}
        >
          Continue to Herald
        </a>
        <p className="text-sm text-gray-500">
          Not signed in?{' '}
          <Link
            to="/sign-in"
            search={{ redirect: next === '/' ? undefined : next }}
            className={textLinkClass}
          >
            Sign in
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
