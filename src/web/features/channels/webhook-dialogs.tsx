import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { CopyButton } from '../api-keys/copy-button';
import type { ChannelWithSecret } from '../library/posts-api';
import { useCreateWebhookChannel } from './channels-queries';

/** A signing secret, shown once, with how receivers check it. */
export function SecretDialog({ shown, onClose }: { shown: ChannelWithSecret | null; onClose: () => void }) {
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Signing secret"
      description={shown ? `For “${shown.channel.name}”. Copy it now: it is not shown again.` : undefined}
      className="max-w-lg"
    >
      {shown ? (
        <div className="space-y-4">
          <div className="flex items-center gap-2">
            <code
              className="min-w-0 flex-1 rounded-lg bg-gray-100 px-3 py-2 font-mono text-xs break-all text-gray-900"
              data-testid="webhook-secret"
            >
              {shown.secret}
            </code>
            <CopyButton value={shown.secret} />
          </div>
          <p className="text-sm text-gray-600">
            Each delivery is a JSON POST with{' '}
            <code className="font-mono text-xs">Herald-Signature: t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>:
            the HMAC-SHA256 of <code className="font-mono text-xs">&lt;t&gt;.&lt;body&gt;</code> with this
            secret. Drop repeats by the <code className="font-mono text-xs">Herald-Idempotency-Key</code>{' '}
            header.
          </p>
          <DialogActions>
            <DialogClose asChild>
              <Button>I have copied it</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}

export function AddWebhookDialog({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated: (created: ChannelWithSecret) => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const create = useCreateWebhookChannel(workspaceId);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setName('');
          setUrl('');
          create.reset();
        }
      }}
      title="Add a webhook"
      description="Herald POSTs each post as signed JSON to this URL at its time — for Zapier, Make, n8n or your own receiver."
      trigger={
        <Button variant="secondary" icon={<Plus className="size-4" aria-hidden />}>
          Add webhook
        </Button>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name, url },
            {
              onSuccess: (created) => {
                setOpen(false);
                onCreated(created);
              },
            },
          );
        }}
      >
        <ErrorBanner message={create.isError ? getFormError(create.error, ['name', 'url']) : null} />
        <TextField
          label="Name"
          required
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={getFieldError(create.error, 'name')}
        />
        <TextField
          label="URL"
          type="url"
          required
          maxLength={2000}
          placeholder="https://hooks.zapier.com/hooks/catch/…"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          error={getFieldError(create.error, 'url')}
        />
        <Notice tone="info">The signing secret is shown once, right after you add the webhook.</Notice>
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" isLoading={create.isPending} disabled={!name.trim() || !url.trim()}>
            Add webhook
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
