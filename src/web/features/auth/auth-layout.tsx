import { Link, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Logo } from '../../components/logo';

export function AuthLayout() {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-white via-gray-50 to-gray-100/70">
      <header className="px-6 pt-10 sm:pt-16">
        <Link
          to="/"
          className="mx-auto flex w-fit rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-8 sm:py-12">
        <div className="w-full max-w-[26rem]">
          <Outlet />
        </div>
      </main>
      <footer className="pb-8 text-center text-xs text-gray-400">
        Herald · your changelog and posts, written from the work you ship
      </footer>
    </div>
  );
}

/** The card every public page sits in, so titles and spacing match across flows. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <div className="rounded-2xl border border-gray-200 bg-white px-6 py-8 shadow-sm sm:px-8">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">{title}</h1>
        {description ? <p className="mt-1.5 text-sm leading-relaxed text-gray-500">{description}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="mt-6 text-center text-sm text-gray-500">{footer}</div> : null}
    </>
  );
}

export const textLinkClass =
  'font-medium text-indigo-600 hover:text-indigo-500 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
