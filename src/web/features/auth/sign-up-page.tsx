import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { rememberPendingRedirect, safeRedirect, signUp } from '../../lib/auth-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from './auth-layout';

const routeApi = getRouteApi('/_auth/sign-up');
const MIN_PASSWORD_LENGTH = 8;

export function SignUpPage() {
  useDocumentTitle('Create your account');
  const search = routeApi.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string>();

  const mutation = useMutation({
    mutationFn: signUp,
    onSuccess: async (result, input) => {
      if (result.token) {
        // No verification required: the server already started a session.
        queryClient.clear();
        await router.navigate({ href: safeRedirect(search.redirect) });
        return;
      }
      rememberPendingRedirect(search.redirect ? safeRedirect(search.redirect) : undefined);
      await router.navigate({ to: '/verify-email', search: { email: input.email } });
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setLocalError(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    setLocalError(undefined);
    mutation.mutate({ name: name.trim(), email: email.trim(), password });
  }

  const error = mutation.error;
  return (
    <AuthCard
      title="Create your Herald account"
      description="Turn merged pull requests, articles and voice notes into posts and a public changelog."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/sign-in" search={{ redirect: search.redirect }} className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={handleSubmit} className="space-y-5" noValidate>
        <ErrorBanner message={getFormError(error, ['name', 'email', 'password'])} />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={getFieldError(error, 'name')}
        />
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
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            setLocalError(undefined);
          }}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={localError ?? getFieldError(error, 'password')}
        />
        <Button
          type="submit"
          className="w-full"
          isLoading={mutation.isPending}
          disabled={!name.trim() || !email.trim() || !password}
        >
          Sign up
        </Button>
        <p className="text-center text-xs text-gray-400">
          You will get a personal workspace right away and can invite your team later.
        </p>
      </form>
    </AuthCard>
  );
}
