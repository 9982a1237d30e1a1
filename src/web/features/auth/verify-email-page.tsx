import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { MailCheck } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { sendVerificationEmail } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/verify-email');
const RESEND_COOLDOWN_SECONDS = 30;

export function VerifyEmailPage() {
  useDocumentTitle('Check your inbox');
  const search = routeApi.useSearch();
  const [email, setEmail] = useState(search.email ?? '');
  const [cooldown, setCooldown] = useState(0);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = window.setTimeout(() => setCooldown((value) => value - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [cooldown]);

  const resend = useMutation({
    mutationFn: sendVerificationEmail,
    // A short pause keeps people from flooding their own inbox (and the rate limiter).
    onSuccess: () => setCooldown(RESEND_COOLDOWN_SECONDS),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    resend.mutate(email.trim());
  }

  return (
    <AuthCard
      title="Check your inbox"
      description={
        search.email ? (
          <>
            We sent a verification link to{' '}
            <strong className="font-medium text-gray-800">{search.email}</strong>. Open it to activate your
            account, then sign in.
          </>
        ) : (
          'We sent you a verification link. Open it to activate your account, then sign in.'
        )
      }
      footer={
        <Link to="/sign-in" search={{ email: email.trim() || undefined }} className={textLinkClass}>
          Back to sign in
        </Link>
      }
    >
      <div className="mb-6 flex items-center gap-3 rounded-xl bg-indigo-50 px-4 py-3 text-indigo-900">
        <MailCheck className="size-5 shrink-0" aria-hidden />
        <p className="text-sm">
          The link expires after a while. Check your spam folder if it has not arrived.
        </p>
      </div>
      <form onSubmit={handleSubmit} className="space-y-4" noValidate>
        {resend.isSuccess ? <Notice tone="success">A new verification email is on its way.</Notice> : null}
        <ErrorBanner message={getFormError(resend.error, ['email'])} />
        {search.email ? null : (
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={getFieldError(resend.error, 'email')}
          />
        )}
        <Button
          type="submit"
          variant="secondary"
          className="w-full"
          isLoading={resend.isPending}
          disabled={!email.trim() || cooldown > 0}
        >
          {cooldown > 0 ? `Resend email (${cooldown}s)` : 'Resend email'}
        </Button>
      </form>
    </AuthCard>
  );
}
