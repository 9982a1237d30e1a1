import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { TextField } from '../../components/input';
import { formatLongDay, isDay } from './calendar-dates';
import type { PostSummary } from './calendar-types';

/** The keyboard way to do what dragging does: pick another day, keep the time of day. */
export function MoveDialog({
  post,
  day,
  time,
  timeZone,
  onOpenChange,
  onMove,
}: {
  post: PostSummary;
  day: string;
  time: string;
  timeZone: string;
  onOpenChange: (open: boolean) => void;
  onMove: (day: string) => void;
}) {
  const [target, setTarget] = useState(day);
  const valid = isDay(target);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (valid && target !== day) onMove(target);
  }

  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title="Move post"
      description={`“${(post.title || post.preview).slice(0, 80)}” stays at ${time} (${timeZone}) on the new day.`}
    >
      <form onSubmit={handleSubmit} className="space-y-4">
        <TextField
          label="New day"
          type="date"
          value={target}
          required
          onChange={(event) => setTarget(event.target.value)}
          hint={valid ? formatLongDay(target) : 'Pick a date'}
        />
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={!valid || target === day}>
            Move
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
