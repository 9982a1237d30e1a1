import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, TextAreaField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { formatNumber } from '../billing/billing-format';
import { useStaffWorkspaceMutations } from './staff-billing-queries';

/** Add (or with a negative amount, take back) credits, with the reason kept in the ledger. */
export function GrantCreditsCard({
  workspaceId,
  balance,
  canEdit,
}: {
  workspaceId: string;
  balance: number;
  canEdit: boolean;
}) {
  const { grantCredits } = useStaffWorkspaceMutations(workspaceId);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('grant');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(amount.trim());
    if (!Number.isInteger(value) || value === 0) {
      setLocalError('Enter a whole number other than zero; a negative number takes credits away.');
      return;
    }
    setLocalError(undefined);
    grantCredits.mutate(
      { amount: value, reason, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setAmount('');
          setNote('');
        },
      },
    );
  }

  return (
    <Card>
      <form onSubmit={handleSubmit} noValidate>
        <CardHeader
          title="Credits"
          description={
            <>
              Balance:{' '}
              <span className="font-semibold text-gray-900 tabular-nums">{formatNumber(balance)}</span>{' '}
              credits
            </>
          }
        />
        <CardBody className="space-y-4">
          {grantCredits.isSuccess && !amount ? (
            <Notice tone="success">
              Credits applied. The balance is now {formatNumber(grantCredits.data.balance)}.
            </Notice>
          ) : null}
          <ErrorBanner message={getFormError(grantCredits.error, ['amount', 'reason', 'note'])} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Amount"
              type="number"
              inputMode="numeric"
              value={amount}
              disabled={!canEdit}
              placeholder="100"
              hint="Negative to take credits away."
              onChange={(event) => setAmount(event.target.value)}
              error={localError ?? getFieldError(grantCredits.error, 'amount')}
            />
            <SelectField
              label="Reason"
              value={reason}
              disabled={!canEdit}
              onChange={(event) => setReason(event.target.value)}
              error={getFieldError(grantCredits.error, 'reason')}
            >
              <option value="grant">Grant</option>
              <option value="bonus">Bonus</option>
              <option value="refund">Refund</option>
              <option value="adjustment">Adjustment</option>
            </SelectField>
          </div>
          <TextAreaField
            label="Note"
            value={note}
            disabled={!canEdit}
            maxLength={500}
            placeholder="Goodwill for the outage on 3 March"
            hint="Shown to the workspace in its credit history."
            onChange={(event) => setNote(event.target.value)}
            error={getFieldError(grantCredits.error, 'note')}
          />
        </CardBody>
        {canEdit ? (
          <CardFooter>
            <Button type="submit" isLoading={grantCredits.isPending} disabled={!amount.trim()}>
              Apply credits
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
