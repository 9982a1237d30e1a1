import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { Notice } from '../../components/error-banner';
import { CopyButton } from '../api-keys/copy-button';
import type { WebhookSetup } from './repositories-api';

export interface ShownWebhook {
  fullName: string;
  webhook: WebhookSetup;
  /** Rotation replaces the secret GitHub already has, so the wording differs. */
  rotated: boolean;
}

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-gray-500">{label}</p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 rounded-lg bg-gray-100 px-3 py-2 font-mono text-xs break-all text-gray-900"
          data-testid={testId}
        >
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/** The webhook URL and secret, shown once after connecting or rotating, with GitHub's settings to pick. */
export function WebhookSetupDialog({ shown, onClose }: { shown: ShownWebhook | null; onClose: () => void }) {
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={shown?.rotated ? 'New webhook secret' : 'Add the webhook on GitHub'}
      description={
        shown ? `For ${shown.fullName}. Copy the secret now: Herald does not show it again.` : undefined
      }
      className="max-w-xl"
    >
      {shown ? (
        <div className="space-y-4">
          <CopyRow label="Payload URL" value={shown.webhook.url} testId="webhook-url" />
          <CopyRow label="Secret" value={shown.webhook.secret} testId="webhook-secret" />
          <ol className="list-decimal space-y-1.5 pl-5 text-sm text-gray-700">
            <li>
              On GitHub, open the repository's <strong>Settings → Webhooks</strong> and{' '}
              {shown.rotated ? (
                'edit the Herald webhook'
              ) : (
                <>
                  choose <strong>Add webhook</strong>
                </>
              )}
              .
            </li>
            <li>Paste the payload URL{shown.rotated ? ' (unchanged)' : ''} and the secret above.</li>
            <li>
              Content type: <code className="font-mono text-xs">{shown.webhook.contentType}</code>.
            </li>
            <li>
              Events: choose <strong>Let me select individual events</strong>, tick only{' '}
              <strong>Pull requests</strong>, keep <strong>Active</strong> on, then save.
            </li>
          </ol>
          {shown.rotated ? (
            <Notice tone="warning">
              Deliveries signed with the old secret are refused from now on, until GitHub has the new one.
            </Notice>
          ) : (
            <Notice tone="info">
              GitHub sends a ping first; the repository's webhook status here shows it once it arrives.
            </Notice>
          )}
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
