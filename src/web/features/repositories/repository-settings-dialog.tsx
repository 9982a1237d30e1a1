import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFormError } from '../../lib/api-error';
import { MappingRows } from './mapping-rows';
import { defaultCategoryMapping, type Repository } from './repositories-api';
import { useUpdateRepository } from './repositories-queries';
import { fromRows, toRows } from './repository-forms';

/** Edits how pull requests are categorized (and, for a token connection, replaces the token). */
export function RepositorySettingsDialog({
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
      title="Categories"
      description={
        repository
          ? `How pull requests of ${repository.fullName} are sorted. Labels are checked first, then the title's conventional-commit prefix (feat:, fix(api):, …); anything else is Other.`
          : undefined
      }
      className="max-w-xl"
    >
      {repository ? (
        <SettingsForm workspaceId={workspaceId} repository={repository} onDone={onClose} />
      ) : null}
    </Dialog>
  );
}

function SettingsForm({
  workspaceId,
  repository,
  onDone,
}: {
  workspaceId: string;
  repository: Repository;
  onDone: () => void;
}) {
  const update = useUpdateRepository(workspaceId);
  const mapping = repository.categoryMapping;
  const [labels, setLabels] = useState(() => toRows(mapping.labels));
  const [prefixes, setPrefixes] = useState(() => toRows(mapping.prefixes));
  const [skip, setSkip] = useState(() => mapping.skipLabels.join(', '));
  const [token, setToken] = useState('');

  const reset = () => {
    setLabels(toRows(defaultCategoryMapping.labels));
    setPrefixes(toRows(defaultCategoryMapping.prefixes));
    setSkip(defaultCategoryMapping.skipLabels.join(', '));
  };

  return (
    <form
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const skipLabels = [
          ...new Set(
            skip
              .split(',')
              .map((label) => label.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        update.mutate(
          {
            id: repository.id,
            categoryMapping: { labels: fromRows(labels), prefixes: fromRows(prefixes), skipLabels },
            ...(token.trim() ? { token: token.trim() } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <ErrorBanner message={update.isError ? getFormError(update.error) : null} />
      <MappingRows
        legend="Labels"
        keyLabel="Label"
        placeholder="e.g. bug"
        rows={labels}
        onChange={setLabels}
      />
      <MappingRows
        legend="Title prefixes"
        keyLabel="Prefix"
        placeholder="e.g. feat"
        rows={prefixes}
        onChange={setPrefixes}
      />
      <TextField
        label="Skip labels"
        value={skip}
        onChange={(event) => setSkip(event.target.value)}
        hint="Comma-separated. A pull request with any of these labels never becomes an entry."
      />
      {repository.authType === 'token' ? (
        <TextField
          label="Replace token (optional)"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          hint={
            repository.tokenHint
              ? `Current token ends in ${repository.tokenHint.replace(/^…/, '')}.`
              : undefined
          }
        />
      ) : null}
      <DialogActions>
        <Button variant="ghost" onClick={reset}>
          Reset to defaults
        </Button>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" isLoading={update.isPending}>
          Save
        </Button>
      </DialogActions>
    </form>
  );
}
