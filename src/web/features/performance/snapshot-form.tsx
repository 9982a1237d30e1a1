import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { type MetricField, metricFields, metricLabels } from './metrics-format';
import { useRecordSnapshot } from './performance-queries';

type Values = Record<MetricField, string>;
const empty: Values = { views: '', likes: '', shares: '', comments: '', reach: '' };

/** One snapshot typed in by hand; the same moment entered twice replaces the first. */
export function SnapshotForm({ workspaceId, postId }: { workspaceId: string; postId: string }) {
  const [values, setValues] = useState<Values>(empty);
  const [recordedAt, setRecordedAt] = useState('');
  const record = useRecordSnapshot(workspaceId, postId);
  const fields = [...metricFields, 'recordedAt'];

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const numbers = Object.fromEntries(
      metricFields.map((field) => [field, Number(values[field] || 0)]),
    ) as Record<MetricField, number>;
    record.mutate(
      // datetime-local reads in the browser's clock; the server stores the instant.
      { ...numbers, ...(recordedAt ? { recordedAt: new Date(recordedAt).toISOString() } : {}) },
      {
        onSuccess: () => {
          setValues(empty);
          setRecordedAt('');
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-3" aria-label="Add a snapshot">
      <ErrorBanner message={getFormError(record.error, fields)} />
      {record.isSuccess ? <Notice tone="success">Snapshot saved.</Notice> : null}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {metricFields.map((field) => (
          <TextField
            key={field}
            label={metricLabels[field]}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            placeholder="0"
            value={values[field]}
            onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
            error={getFieldError(record.error, field)}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          label="Recorded at"
          type="datetime-local"
          className="w-60"
          value={recordedAt}
          onChange={(event) => setRecordedAt(event.target.value)}
          error={getFieldError(record.error, 'recordedAt')}
          hint="Your local time; empty means now"
        />
        <Button type="submit" isLoading={record.isPending} className="mt-[26px]">
          Save snapshot
        </Button>
      </div>
    </form>
  );
}
