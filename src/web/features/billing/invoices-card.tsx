import { FileDown, ReceiptText } from 'lucide-react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import type { BillingOverview, Invoice } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { formatMoney, formatNumber, humanize, unitLabel } from './billing-format';
import { useInvoices } from './billing-queries';

const STATUS_TONES: Record<Invoice['status'], BadgeTone> = {
  draft: 'gray',
  open: 'blue',
  paid: 'green',
  failed: 'red',
  void: 'gray',
  uncollectible: 'red',
};

/** What the next invoice will say: the plan's base price plus any usage over the limits. */
export function UpcomingInvoiceCard({ billing, timeZone }: { billing: BillingOverview; timeZone: string }) {
  const invoice = billing.upcomingInvoice;
  const interval = billing.subscription?.interval ?? 'month';
  return (
    <Card>
      <CardHeader title="Upcoming invoice" description={`Due ${formatDate(invoice.dueAt, timeZone)}.`} />
      <CardBody>
        <dl className="divide-y divide-gray-100 text-sm">
          <div className="flex justify-between gap-4 pb-2.5">
            <dt className="text-gray-600">
              {billing.plan.name} plan, {interval === 'year' ? 'yearly' : 'monthly'}
            </dt>
            <dd className="font-medium text-gray-900 tabular-nums">
              {formatMoney(invoice.baseCents, invoice.currency)}
            </dd>
          </div>
          {invoice.overageLines.map((line) => (
            <div key={line.unit} className="flex justify-between gap-4 py-2.5">
              <dt className="text-gray-600">
                {unitLabel(line.unit)} over the limit: {formatNumber(line.quantity)} ×{' '}
                {formatMoney(line.unitPriceCents, invoice.currency)}
              </dt>
              <dd className="font-medium text-gray-900 tabular-nums">
                {formatMoney(line.amountCents, invoice.currency)}
              </dd>
            </div>
          ))}
          <div className="flex justify-between gap-4 pt-2.5">
            <dt className="font-semibold text-gray-900">Total</dt>
            <dd className="font-semibold text-gray-900 tabular-nums">
              {formatMoney(invoice.totalCents, invoice.currency)}
            </dd>
          </div>
        </dl>
      </CardBody>
    </Card>
  );
}

/** Past invoices with their PDFs; only owners and admins ask for them. */
export function InvoicesCard({ workspaceId, timeZone }: { workspaceId: string; timeZone: string }) {
  const invoices = useInvoices(workspaceId, true);
  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card>
      <CardHeader
        title="Invoices"
        description="Every invoice your payment provider has sent for this workspace."
      />
      {invoices.isPending ? (
        <LoadingBlock />
      ) : invoices.isError ? (
        <div className="p-5">
          <ErrorBanner message={invoices.error.message} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={ReceiptText}
          title="No invoices yet"
          description="Invoices appear here once a payment is made."
        />
      ) : (
        <Table label="Invoices">
          <THead>
            <TH>Date</TH>
            <TH className="hidden sm:table-cell">Period</TH>
            <TH>Status</TH>
            <TH className="text-right">Amount</TH>
            <TH>
              <span className="sr-only">PDF</span>
            </TH>
          </THead>
          <TBody>
            {items.map((invoice) => (
              <TR key={invoice.id}>
                <TD className="whitespace-nowrap text-gray-900">{formatDate(invoice.createdAt, timeZone)}</TD>
                <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                  {invoice.periodStart
                    ? `${formatDate(invoice.periodStart, timeZone)} – ${formatDate(invoice.periodEnd, timeZone)}`
                    : '—'}
                </TD>
                <TD>
                  <Badge tone={STATUS_TONES[invoice.status]}>{humanize(invoice.status)}</Badge>
                </TD>
                <TD className="text-right font-medium whitespace-nowrap text-gray-900 tabular-nums">
                  {formatMoney(
                    invoice.status === 'paid' ? invoice.amountPaidCents : invoice.amountDueCents,
                    invoice.currency,
                  )}
                </TD>
                <TD className="text-right">
                  {invoice.pdfUrl ? (
                    <a
                      href={invoice.pdfUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={`PDF of the invoice from ${formatDate(invoice.createdAt, timeZone)}`}
                      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      <FileDown className="size-3.5" aria-hidden />
                      PDF
                    </a>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {invoices.hasNextPage ? (
        <div className="border-t border-gray-100 p-3 text-center">
          <Button
            variant="ghost"
            size="sm"
            isLoading={invoices.isFetchingNextPage}
            onClick={() => void invoices.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
