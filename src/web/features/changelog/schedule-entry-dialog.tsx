import { CalendarClock } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { defaultScheduleTime, toWallClock } from '../library/wall-clock';
import { wallClockToInstant } from './schedule-time';

export function ScheduleEntryDialog({
  timeZone,
  scheduledAt,
  open,
  onOpenChange,
  onSchedule,
  isPending,
  error,
}: {
  timeZone: string;
  scheduledAt: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSchedule: (at: string) => void;
  isPending: boolean;
  error?: string;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Schedule publishing"
      description={`The entry goes live on the public changelog at this time (${timeZone}).`}
    >
      <ScheduleForm
        timeZone={timeZone}
        scheduledAt={scheduledAt}
        onSchedule={onSchedule}
        isPending={isPending}
        error={error}
      />
    </Dialog>
  );
}

function ScheduleForm({
  timeZone,
  scheduledAt,
  onSchedule,
  isPending,
  error,
}: {
  timeZone: string;
  scheduledAt: string | null;
  onSchedule: (at: string) => void;
  isPending: boolean;
  error?: string;
}) {
  const [when, setWhen] = useState(() =>
    scheduledAt ? toWallClock(new Date(scheduledAt), timeZone) : defaultScheduleTime(timeZone),
  );
  const [invalid, setInvalid] = useState<string | null>(null);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const at = wallClockToInstant(when, timeZone);
        if (typeof at === 'string') {
          setInvalid(null);
          onSchedule(at);
        } else setInvalid(at.error);
      }}
    >
      <ErrorBanner message={error} />
      <TextField
        label={`Date and time (${timeZone})`}
        type="datetime-local"
        required
        value={when}
        onChange={(event) => setWhen(event.target.value)}
        error={invalid ?? undefined}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button
          type="submit"
          isLoading={isPending}
          disabled={!when}
          icon={<CalendarClock className="size-4" aria-hidden />}
        >
          Schedule
        </Button>
      </DialogActions>
    </form>
  );
}
