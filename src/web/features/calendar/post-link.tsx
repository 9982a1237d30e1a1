import { useRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export function postHref(workspaceId: string, postId: string): string {
  return `/w/${encodeURIComponent(workspaceId)}/library/${encodeURIComponent(postId)}`;
}

/**
 * A link to a post in the Library. A real href (open in a new tab works) and a client-side navigation
 * on a plain click; by href because the Library's route is declared in its own feature.
 */
export function PostLink({
  workspaceId,
  postId,
  className,
  children,
  label,
}: {
  workspaceId: string;
  postId: string;
  className?: string;
  children: ReactNode;
  label?: string;
}) {
  const router = useRouter();
  const href = postHref(workspaceId, postId);
  return (
    <a
      href={href}
      className={className}
      aria-label={label}
      draggable={false}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        void router.navigate({ href });
      }}
    >
      {children}
    </a>
  );
}
