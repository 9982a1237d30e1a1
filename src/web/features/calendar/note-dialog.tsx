import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextAreaField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { formatLongDay } from './calendar-dates';
import { useNoteMutations } from './calendar-queries';
import type { CalendarNote } from './calendar-types';

export const maxNoteChars = 2000;

/** Add a note to a day, or edit or delete one; notes are plain text pinned to a workspace day. */
export function NoteDialog({
  workspaceId,
  day,
  note,
  canWrite,
  onOpenChange,
}: {
  workspaceId: string;
  day: string;
  /** Absent: a new note for `day`. */
  note?: CalendarNote;
  canWrite: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [text, setText] = useState(note?.note ?? '');
  const { create, update, remove } = useNoteMutations(workspaceId);
  const saving = note ? update : create;
  const error = saving.error ?? remove.error;
  const trimmed = text.trim();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!trimmed) return;
    const done = { onSuccess: () => onOpenChange(false) };
    if (note) update.mutate({ id: note.id, note: trimmed }, done);
    else create.mutate({ day, note: trimmed }, done);
  }

  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title={note ? 'Edit note' : 'Add a note'}
      description={formatLongDay(day)}
    >
      <form onSubmit={handleSubmit} className="space-y-4">
        <ErrorBanner message={getFormError(error, ['note'])} />
        <TextAreaField
          label="Note"
          rows={4}
          value={text}
          maxLength={maxNoteChars}
          readOnly={!canWrite}
          autoFocus
          onChange={(event) => setText(event.target.value)}
          error={getFieldError(error, 'note')}
          hint={`${text.length.toLocaleString('en')} / ${maxNoteChars.toLocaleString('en')} characters`}
        />
        <DialogActions>
          {note && canWrite ? (
            <Button
              variant="danger-outline"
              className="sm:mr-auto"
              isLoading={remove.isPending}
              onClick={() => remove.mutate(note.id, { onSuccess: () => onOpenChange(false) })}
            >
              Delete note
            </Button>
          ) : null}
          <DialogClose asChild>
            <Button variant="secondary">{canWrite ? 'Cancel' : 'Close'}</Button>
          </DialogClose>
          {canWrite ? (
            <Button type="submit" isLoading={saving.isPending} disabled={!trimmed}>
              {note ? 'Save note' : 'Add note'}
            </Button>
          ) : null}
        </DialogActions>
      </form>
    </Dialog>
  );
}
