import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError, isApiError } from '../../lib/api-error';
import { resetPassword } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/reset-password');
const MIN_PASSWORD_LENGTH = 8;

function InvalidLink() {
  return (
    <AuthCard
      title="This reset link did not work"
      description="The link is invalid or has expired. Request a new one to choose a password."
      footer={
        <Link to="/sign-in" search={{}} className={textLinkClass}>
          Back to sign in
        </Link>
      }
    >
      <Link to="/forgot-password" search={{}} className={buttonClasses('primary', 'md', 'w-full')}>
        Request a new link
      </Link>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const { token, error: linkError } = routeApi.useSearch();
  useDocumentTitle(linkError || !token ? 'Reset link invalid' : 'Choose a new password');
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string>();

  const mutation = useMutation({
    mutationFn: resetPassword,
    onSuccess: () => navigate({ to: '/sign-in', search: { notice: 'reset' } }),
  });

  if (linkError || !token) return <InvalidLink />;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setLocalError(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    if (token) mutation.mutate({ newPassword: password, token });
  }

  const error = mutation.error;
  const isTokenRejected = isApiError(error) && /token/i.test(error.code);

  return (
    <AuthCard
      title="Choose a new password"
      description="Pick something you have not used before. You will sign in with it next."
    >
      <form onSubmit={handleSubmit} className="space-y-5" noValidate>
        {isTokenRejected ? (
          <Notice tone="error" title="This reset link has expired">
            <Link to="/forgot-password" search={{}} className={textLinkClass}>
              Request a new link
            </Link>
          </Notice>
        ) : (
          <ErrorBanner message={getFormError(error, ['newPassword'])} />
        )}
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            setLocalError(undefined);
          }}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={localError ?? getFieldError(error, 'newPassword')}
        />
        <Button type="submit" className="w-full" isLoading={mutation.isPending} disabled={!password}>
          Reset password
        </Button>
      </form>
    </AuthCard>
  );
}
