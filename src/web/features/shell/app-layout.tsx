import * as RadixDialog from '@radix-ui/react-dialog';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Menu, X } from 'lucide-react';
import { Suspense, useEffect, useState } from 'react';
import { Notice } from '../../components/error-banner';
import { LogoMark } from '../../components/logo';
import { LoadingBlock } from '../../components/spinner';
import { formatDate } from '../../lib/format';
import { useMe } from '../../lib/use-me';
import { NotificationBell } from '../notifications/notification-bell';
import { Sidebar } from './sidebar';
import { UserMenu } from './user-menu';

function MobileNav() {
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });

  // Following a link inside the drawer should reveal the page it opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path change is the trigger, not an input
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger
        aria-label="Open navigation"
        className="-ml-1 rounded-lg p-2 text-gray-600 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-gray-950/40 lg:hidden" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] bg-white shadow-xl animate-[drawer-in_180ms_ease-out] focus:outline-none lg:hidden"
        >
          <RadixDialog.Title className="sr-only">Navigation</RadixDialog.Title>
          <RadixDialog.Close
            aria-label="Close navigation"
            className="absolute top-4 right-3 z-10 rounded-lg p-1.5 text-gray-500 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <X className="size-4" aria-hidden />
          </RadixDialog.Close>
          <Sidebar />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function DeletionBanner() {
  const { user } = useMe();
  if (!user.deletionScheduledFor) return null;
  return (
    <Notice tone="warning" className="mb-6">
      Your account is scheduled for deletion on {formatDate(user.deletionScheduledFor, user.timezone)}.
    </Notice>
  );
}

export function AppLayout() {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-68 border-r border-gray-200 bg-white lg:block">
        <Sidebar />
      </aside>
      <div className="lg:pl-68">
        <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-gray-200 bg-white/85 px-4 backdrop-blur sm:px-6">
          <MobileNav />
          <Link to="/" className="lg:hidden" aria-label="Herald home">
            <LogoMark className="size-6" />
          </Link>
          <div className="ml-auto flex items-center gap-1.5">
            <NotificationBell />
            <UserMenu />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-8 lg:px-8">
          <DeletionBanner />
          <Suspense fallback={<LoadingBlock />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
