import { Link2, TriangleAlert } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField, TextAreaField } from '../../components/input';
import { LoadingBlock } from '../../components/spinner';
import { getFieldError, getFormError } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { CopyButton } from '../api-keys/copy-button';
import { PlatformMark, PostStatusBadge } from '../calendar/post-display';
import { useApprovalLinkMutations, useShareablePosts } from './approvals-queries';
import type { CreatedApprovalLink } from './approvals-types';

const expiryChoices = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 336, label: '14 days' },
  { hours: 720, label: '30 days' },
] as const;

export const maxPostsPerLink = 50;

/**
 * Creates a review link anyone can open without an account, for one post or a batch.
 *
 * Props:
 * - `workspaceId`: the workspace the posts belong to.
 * - `postIds`: the posts to share (1..50). Leave it out to let the user tick posts from the workspace's
 *   unpublished ones inside the dialog (the Approvals page does this).
 * - `trigger`: an element that opens the dialog (uncontrolled use), e.g. a Library bulk-action button.
 * - `open` / `onOpenChange`: controlled use instead of `trigger`, e.g. from a menu item.
 * - `onCreated(link)`: called once the link exists; the dialog then shows its address (shown once).
 *
 * Creating a link marks each post "awaiting approval" until the reviewer answers.
 */
export function ApprovalLinkDialog({
  workspaceId,
  postIds,
  trigger,
  open,
  onOpenChange,
  onCreated,
}: {
  workspaceId: string;
  postIds?: string[];
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onCreated?: (link: CreatedApprovalLink) => void;
}) {
  const [innerOpen, setInnerOpen] = useState(false);
  const isOpen = open ?? innerOpen;
  const [hours, setHours] = useState(168);
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const { create } = useApprovalLinkMutations(workspaceId);
  const posts = useShareablePosts(workspaceId, isOpen && !postIds);
  const chosen = postIds ?? picked;
  const created = create.data;

  function handleOpenChange(next: boolean) {
    setInnerOpen(next);
    onOpenChange?.(next);
    if (!next) {
      create.reset();
      setNote('');
      setPicked([]);
    }
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return;
    create.mutate(
      { postIds: chosen, expiresInHours: hours, note: note.trim() || undefined },
      { onSuccess: (link) => onCreated?.(link) },
    );
  }

  const count = chosen.length;
  return (
    <Dialog
      open={isOpen}
      onOpenChange={handleOpenChange}
      trigger={trigger}
      title={created ? 'Review link ready' : 'Share for review'}
      description={
        created
          ? undefined
          : 'Anyone with the link can read, approve, request changes or comment — no account needed.'
      }
    >
      {created ? (
        <div className="space-y-4">
          <div className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              Copy the link now: it is shown once. It works until {formatDateTime(created.expiresAt)} or until
              you revoke it on the Approvals page.
            </p>
          </div>
          <div>
            <label htmlFor="approval-link-url" className="mb-1.5 block text-sm font-medium text-gray-800">
              Review link
            </label>
            <div className="flex items-center gap-2">
              <input
                id="approval-link-url"
                readOnly
                value={created.url}
                onFocus={(event) => event.target.select()}
                className="block w-full min-w-0 rounded-lg border-0 bg-gray-50 px-3 py-2 font-mono text-xs text-gray-900 ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
              />
              <CopyButton value={created.url} />
            </div>
          </div>
          <DialogActions>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={handleSubmit} className="space-y-4">
          <ErrorBanner message={getFormError(create.error, ['note', 'expiresInHours'])} />
          {postIds ? (
            <p className="text-sm text-gray-700">
              {count === 1 ? 'One post' : `${count} posts`} will be shared.
            </p>
          ) : (
            <fieldset>
              <legend className="mb-1.5 text-sm font-medium text-gray-800">Posts to share</legend>
              {posts.isPending ? (
                <LoadingBlock />
              ) : posts.isError ? (
                <ErrorBanner message={posts.error.message} />
              ) : posts.data.length === 0 ? (
                <p className="text-sm text-gray-500">No unpublished posts to share yet.</p>
              ) : (
                <ul className="max-h-64 divide-y divide-gray-100 overflow-y-auto rounded-lg ring-1 ring-gray-200">
                  {posts.data.map((post) => (
                    <li key={post.id}>
                      <label className="flex cursor-pointer items-start gap-2.5 px-3 py-2 text-sm hover:bg-gray-50">
                        <input
                          type="checkbox"
                          className="mt-0.5 size-4 accent-indigo-600"
                          checked={picked.includes(post.id)}
                          disabled={!picked.includes(post.id) && picked.length >= maxPostsPerLink}
                          onChange={(event) =>
                            setPicked((current) =>
                              event.target.checked
                                ? [...current, post.id]
                                : current.filter((id) => id !== post.id),
                            )
                          }
                        />
                        <PlatformMark platform={post.platform} className="mt-0.5" />
                        <span className="min-w-0 flex-1 truncate text-gray-800">
                          {post.title || post.parts[0] || '(empty post)'}
                        </span>
                        <PostStatusBadge status={post.status} />
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          )}
          <SelectField
            label="Link works for"
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
            error={getFieldError(create.error, 'expiresInHours')}
          >
            {expiryChoices.map((choice) => (
              <option key={choice.hours} value={choice.hours}>
                {choice.label}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label="Note for the reviewer (optional)"
            value={note}
            maxLength={2000}
            onChange={(event) => setNote(event.target.value)}
            error={getFieldError(create.error, 'note')}
          />
          <DialogActions>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button
              type="submit"
              isLoading={create.isPending}
              disabled={count === 0}
              icon={<Link2 className="size-4" aria-hidden />}
            >
              Create link
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
