import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { MailCheck } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { requestPasswordReset } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/forgot-password');

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const search = routeApi.useSearch();
  const [email, setEmail] = useState(search.email ?? '');
  const mutation = useMutation({ mutationFn: requestPasswordReset });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate(email.trim());
  }

  const footer = (
    <Link to="/sign-in" search={{}} className={textLinkClass}>
      Back to sign in
    </Link>
  );

  if (mutation.isSuccess) {
    return (
      <AuthCard title="Check your inbox" footer={footer}>
        <div className="flex flex-col items-center gap-4 text-center">
          <MailCheck className="size-12 text-indigo-500" aria-hidden />
          {/* Same answer whether or not the account exists, so the form cannot be used to probe emails. */}
          <p className="text-sm leading-relaxed text-gray-600">
            If an account exists for <strong className="font-medium text-gray-900">{email.trim()}</strong>, we
            sent a link to choose a new password.
          </p>
          <Button variant="ghost" size="sm" onClick={() => mutation.reset()}>
            Use a different email
          </Button>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Enter the email you signed up with and we will send you a link to choose a new password."
      footer={footer}
    >
      <form onSubmit={handleSubmit} className="space-y-5" noValidate>
        <ErrorBanner message={getFormError(mutation.error, ['email'])} />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={getFieldError(mutation.error, 'email')}
        />
        <Button type="submit" className="w-full" isLoading={mutation.isPending} disabled={!email.trim()}>
          Send reset link
        </Button>
      </form>
    </AuthCard>
  );
}
