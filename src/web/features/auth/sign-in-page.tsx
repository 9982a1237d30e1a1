import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError, isApiError } from '../../lib/api-error';
import { safeRedirect, signIn } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/sign-in');

const NOTICES = {
  reset: 'Your password has been changed. Sign in with your new password.',
  deleted:
    'Your account is scheduled for deletion. Sign in again before the grace period ends to restore it.',
  'signed-out': 'You have been signed out.',
} as const;

export function SignInPage() {
  useDocumentTitle('Sign in');
  const search = routeApi.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(search.email ?? '');
  const [password, setPassword] = useState('');

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async () => {
      // Drop anything cached for a previous visitor before the app loads this one.
      queryClient.clear();
      await router.navigate({ href: safeRedirect(search.redirect) });
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), password });
  }

  const error = mutation.error;
  // Herald's auth router passes better-auth codes on in lower case.
  const isUnverified = isApiError(error) && error.code.toLowerCase() === 'email_not_verified';

  return (
    <AuthCard
      title="Sign in to Herald"
      description="Welcome back. Enter your email and password to continue."
      footer={
        <>
          New to Herald?{' '}
          <Link to="/sign-up" search={{ redirect: search.redirect }} className={textLinkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={handleSubmit} className="space-y-5" noValidate>
        {search.notice ? <Notice tone="success">{NOTICES[search.notice]}</Notice> : null}
        {isUnverified ? (
          <Notice tone="warning" title="Verify your email first">
            We sent a verification link to {email || 'your inbox'}.{' '}
            <Link to="/verify-email" search={{ email: email.trim() || undefined }} className={textLinkClass}>
              Resend the email
            </Link>
          </Notice>
        ) : (
          <ErrorBanner message={getFormError(error, ['email', 'password'])} />
        )}
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={getFieldError(error, 'email')}
        />
        <div className="space-y-1.5">
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={getFieldError(error, 'password')}
          />
          <div className="text-right text-xs">
            <Link
              to="/forgot-password"
              search={{ email: email.trim() || undefined }}
              className={textLinkClass}
            >
              Forgot your password?
            </Link>
          </div>
        </div>
        <Button
          type="submit"
          className="w-full"
          isLoading={mutation.isPending}
          disabled={!email.trim() || !password}
        >
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
