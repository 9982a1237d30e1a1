import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { Button, buttonClasses } from '../../components/button';
import { Logo } from '../../components/logo';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Last-resort screen when a page fails to load (lost network, server down, broken chunk). */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  useDocumentTitle('Something went wrong');
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-6 py-16 text-center">
      <Logo />
      <h1 className="mt-10 text-2xl font-semibold tracking-tight text-gray-900">Something went wrong</h1>
      <p className="mt-3 max-w-md text-gray-500">{message}</p>
      <div className="mt-8 flex gap-3">
        <Button
          onClick={() => {
            reset();
            window.location.reload();
          }}
        >
          Try again
        </Button>
        <Link to="/" className={buttonClasses('secondary')}>
          Go home
        </Link>
      </div>
    </main>
  );
}
