import { useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { type ChangelogCategory, changelogCategories, type Entry } from './changelog-api';
import { useCreateEntry, useGroupEntries } from './changelog-queries';

/** A hand-written entry: title and category here, the rest in the editor it opens. */
export function NewEntryDialog({ workspaceId }: { workspaceId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New entry"
      description="For a change that did not come through a pull request."
      trigger={<Button icon={<Plus className="size-4" aria-hidden />}>New entry</Button>}
    >
      <NewEntryForm workspaceId={workspaceId} />
    </Dialog>
  );
}

function NewEntryForm({ workspaceId }: { workspaceId: string }) {
  const create = useCreateEntry(workspaceId);
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<ChangelogCategory>('New');
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { title: title.trim(), category },
          {
            onSuccess: ({ entry }) =>
              void navigate({
                to: '/w/$workspaceId/changelog/$entryId',
                params: { workspaceId, entryId: entry.id },
              }),
          },
        );
      }}
    >
      <ErrorBanner message={create.isError ? getFormError(create.error, ['title', 'category']) : null} />
      <TextField
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={getFieldError(create.error, 'title')}
      />
      <SelectField
        label="Category"
        value={category}
        onChange={(event) => setCategory(event.target.value as ChangelogCategory)}
      >
        {changelogCategories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" isLoading={create.isPending} disabled={!title.trim()}>
          Create draft
        </Button>
      </DialogActions>
    </form>
  );
}

/** Merges the selected drafts into the first one; its pull requests carry over. */
export function GroupDialog({
  workspaceId,
  entries,
  open,
  onOpenChange,
  onGrouped,
}: {
  workspaceId: string;
  entries: Entry[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onGrouped: (entry: Entry) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Group ${entries.length} entries`}
      description="They become one draft holding all their pull requests; the others are removed."
    >
      {/* Radix unmounts the content when closed, so each opening starts from the first entry's title. */}
      <GroupForm workspaceId={workspaceId} entries={entries} onGrouped={onGrouped} />
    </Dialog>
  );
}

function GroupForm({
  workspaceId,
  entries,
  onGrouped,
}: {
  workspaceId: string;
  entries: Entry[];
  onGrouped: (entry: Entry) => void;
}) {
  const group = useGroupEntries(workspaceId);
  const [title, setTitle] = useState(() => entries[0]?.title ?? '');
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        group.mutate(
          { entryIds: entries.map((entry) => entry.id), ...(title.trim() ? { title: title.trim() } : {}) },
          { onSuccess: ({ entry }) => onGrouped(entry) },
        );
      }}
    >
      <ErrorBanner message={group.isError ? getFormError(group.error, ['title']) : null} />
      <p className="text-sm text-gray-600">“{entries[0]?.title}” is kept; the others join it:</p>
      <ul className="max-h-40 list-disc space-y-0.5 overflow-y-auto pl-5 text-sm text-gray-700">
        {entries.slice(1).map((entry) => (
          <li key={entry.id}>{entry.title}</li>
        ))}
      </ul>
      <TextField
        label="Title of the grouped entry"
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={getFieldError(group.error, 'title')}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" isLoading={group.isPending} disabled={entries.length < 2}>
          Group
        </Button>
      </DialogActions>
    </form>
  );
}
