import { Link } from '@tanstack/react-router';
import { Notice } from '../../components/error-banner';
import { isApiError } from '../../lib/api-error';

/** A failed generate or upload, said plainly; out of credits or quota points at Billing. */
export function StudioError({ error, workspaceId }: { error: unknown; workspaceId: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const billing = (
    <Link
      to="/w/$workspaceId/billing"
      params={{ workspaceId }}
      className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600"
    >
      Go to Billing
    </Link>
  );
  if (isApiError(error) && (error.status === 402 || error.code === 'insufficient_credits')) {
    return (
      <Notice tone="error" title="You are out of credits">
        {message} Buy credits or change plan to keep generating. {billing}
      </Notice>
    );
  }
  if (isApiError(error) && error.code === 'quota_exceeded') {
    return (
      <Notice tone="error" title="Your plan's quota is used up">
        {message} It resets with your billing period, or you can upgrade now. {billing}
      </Notice>
    );
  }
  if (isApiError(error) && error.fieldErrors.length > 0) {
    return (
      <Notice tone="error" title={message}>
        <ul className="list-disc pl-4">
          {error.fieldErrors.map((field) => (
            <li key={`${field.path}-${field.message}`}>
              {field.path ? `${field.path}: ` : ''}
              {field.message}
            </li>
          ))}
        </ul>
      </Notice>
    );
  }
  return <Notice tone="error">{message}</Notice>;
}
