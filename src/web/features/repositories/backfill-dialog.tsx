import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { getFieldError, getFormError } from '../../lib/api-error';
import { BackfillFields, useBackfillChoice } from './backfill-fields';
import type { Repository } from './repositories-api';
import { useBackfillRepository } from './repositories-queries';
import { backfillRequest } from './repository-forms';

/** Starts a backfill of past merged pull requests for one repository. */
export function BackfillDialog({
  workspaceId,
  repository,
  onClose,
}: {
  workspaceId: string;
  repository: Repository | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={repository !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Backfill pull requests"
      description={
        repository ? `Import merged pull requests of ${repository.fullName} as drafts.` : undefined
      }
    >
      {repository ? (
        <BackfillForm workspaceId={workspaceId} repository={repository} onDone={onClose} />
      ) : null}
    </Dialog>
  );
}

function BackfillForm({
  workspaceId,
  repository,
  onDone,
}: {
  workspaceId: string;
  repository: Repository;
  onDone: () => void;
}) {
  const backfill = useBackfillRepository(workspaceId);
  const [choice, setChoice] = useBackfillChoice('count');
  const request = backfillRequest(choice);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!request) return;
        backfill.mutate({ id: repository.id, request }, { onSuccess: onDone });
      }}
    >
      <ErrorBanner
        message={backfill.isError ? getFormError(backfill.error, ['count', 'since', 'until']) : null}
      />
      <BackfillFields
        choice={choice}
        onChange={setChoice}
        allowNone={false}
        error={getFieldError(backfill.error, 'count') ?? getFieldError(backfill.error, 'since')}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button
          type="submit"
          isLoading={backfill.isPending}
          disabled={!request || repository.backfill.status === 'running'}
        >
          Start backfill
        </Button>
      </DialogActions>
    </form>
  );
}
