import { Coins } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { cn } from '../../lib/cn';
import { describeBillingError, formatNumber } from './billing-format';
import { useBuyCredits } from './billing-queries';

const PACKS = [100, 500, 2000, 10_000];

/** Pick a pack of credits, then pay for it on the provider's checkout page. */
export function BuyCreditsDialog({ workspaceId, disabled }: { workspaceId: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [credits, setCredits] = useState(PACKS[1]);
  const buy = useBuyCredits(workspaceId);

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) buy.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    buy.mutate(credits);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title="Buy credits"
      description="Credits pay for generations, rewrites, voice and media, on top of the plan's monthly grant."
      trigger={
        <Button
          variant="secondary"
          size="sm"
          disabled={disabled}
          icon={<Coins className="size-3.5" aria-hidden />}
        >
          Buy credits
        </Button>
      }
    >
      <form onSubmit={handleSubmit} className="space-y-4">
        <ErrorBanner message={describeBillingError(buy.error)} />
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-gray-800">Credit pack</legend>
          <div className="grid grid-cols-2 gap-2">
            {PACKS.map((pack) => (
              <label
                key={pack}
                className={cn(
                  'flex cursor-pointer flex-col rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                  credits === pack
                    ? 'border-indigo-600 bg-indigo-50/60 ring-1 ring-indigo-600'
                    : 'border-gray-200 hover:border-gray-300',
                )}
              >
                <input
                  type="radio"
                  name="credit-pack"
                  value={pack}
                  checked={credits === pack}
                  onChange={() => setCredits(pack)}
                  className="sr-only"
                />
                <span className="font-semibold text-gray-900">{formatNumber(pack)}</span>
                <span className="text-xs text-gray-500">credits</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="text-xs text-gray-500">The price is shown on the checkout page before you pay.</p>
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" isLoading={buy.isPending}>
            Continue to checkout
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
