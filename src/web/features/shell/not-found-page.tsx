import { Link } from '@tanstack/react-router';
import { buttonClasses } from '../../components/button';
import { Logo } from '../../components/logo';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-6 py-16 text-center">
      <Logo />
      <p className="mt-10 text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900 sm:text-3xl">Page not found</h1>
      <p className="mt-3 max-w-md text-gray-500">
        The page you are looking for does not exist, or you do not have access to it.
      </p>
      <Link to="/" className={buttonClasses('primary', 'md', 'mt-8')}>
        Back to Herald
      </Link>
    </main>
  );
}
