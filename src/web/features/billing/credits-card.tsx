import { Coins } from 'lucide-react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import type { CreditReason, LedgerEntry } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { formatDateTime } from '../../lib/format';
import { formatNumber, humanize } from './billing-format';
import { useLedger } from './billing-queries';
import { BuyCreditsDialog } from './buy-credits-dialog';

const REASON_TONES: Record<CreditReason, BadgeTone> = {
  generation: 'gray',
  purchase: 'green',
  refund: 'blue',
  bonus: 'indigo',
  grant: 'indigo',
  expiry: 'amber',
  adjustment: 'amber',
};

function describeEntry(entry: LedgerEntry): string {
  if (entry.operationType === 'plan_grant') {
    const plan = typeof entry.details.plan === 'string' ? entry.details.plan : null;
    return plan ? `Monthly grant (${humanize(plan)} plan)` : 'Monthly grant';
  }
  if (entry.operationType === 'staff_grant') {
    const note = typeof entry.details.note === 'string' ? entry.details.note : null;
    return note ? `From Herald staff: ${note}` : 'From Herald staff';
  }
  if (entry.operationType === 'credit_pack') return 'Credit pack';
  return humanize(entry.operationType);
}

/** The balance, a way to top it up, and every change to it, newest first. */
export function CreditsCard({
  workspaceId,
  balance,
  timeZone,
  canBuy,
}: {
  workspaceId: string;
  balance: number;
  timeZone: string;
  canBuy: boolean;
}) {
  const ledger = useLedger(workspaceId);
  const entries = ledger.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card>
      <CardHeader
        title="Credits"
        description="Each generation, rewrite or media job spends credits at the cost staff set."
        actions={canBuy ? <BuyCreditsDialog workspaceId={workspaceId} /> : undefined}
      />
      <div className="flex items-baseline gap-2 border-b border-gray-100 px-5 py-4 sm:px-6">
        <span
          className="text-3xl font-semibold tracking-tight text-gray-900 tabular-nums"
          data-testid="credit-balance"
        >
          {formatNumber(balance)}
        </span>
        <span className="text-sm text-gray-500">credits available</span>
      </div>
      {ledger.isPending ? (
        <LoadingBlock label="Loading history…" />
      ) : ledger.isError ? (
        <div className="p-5">
          <ErrorBanner message={ledger.error.message} />
        </div>
      ) : entries.length === 0 ? (
        <EmptyState
          icon={Coins}
          title="No credit history yet"
          description="Grants, purchases and charges show up here."
        />
      ) : (
        <Table label="Credit history">
          <THead>
            <TH>Description</TH>
            <TH className="hidden sm:table-cell">Date</TH>
            <TH className="hidden sm:table-cell">Reason</TH>
            <TH className="text-right">Amount</TH>
            <TH className="hidden text-right sm:table-cell">Balance</TH>
          </THead>
          <TBody>
            {entries.map((entry) => (
              <TR key={entry.id}>
                <TD className="max-w-xs">
                  <p className="truncate text-gray-900" title={describeEntry(entry)}>
                    {describeEntry(entry)}
                  </p>
                  <p className="text-xs text-gray-500 sm:hidden">
                    {formatDateTime(entry.createdAt, timeZone)}
                  </p>
                </TD>
                <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                  {formatDateTime(entry.createdAt, timeZone)}
                </TD>
                <TD className="hidden sm:table-cell">
                  <Badge tone={REASON_TONES[entry.reason] ?? 'gray'}>{humanize(entry.reason)}</Badge>
                </TD>
                <TD
                  className={cn(
                    'text-right font-medium whitespace-nowrap tabular-nums',
                    entry.amount >= 0 ? 'text-emerald-700' : 'text-gray-900',
                  )}
                >
                  {entry.amount > 0 ? '+' : ''}
                  {formatNumber(entry.amount)}
                </TD>
                <TD className="hidden text-right text-gray-500 tabular-nums sm:table-cell">
                  {formatNumber(entry.balanceAfter)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {ledger.hasNextPage ? (
        <div className="border-t border-gray-100 p-3 text-center">
          <Button
            variant="ghost"
            size="sm"
            isLoading={ledger.isFetchingNextPage}
            onClick={() => void ledger.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
