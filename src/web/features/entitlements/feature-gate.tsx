import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Notice } from '../../components/error-banner';
import { useCan } from './entitlements-queries';

/** An upgrade notice naming what the plan lacks, with a link to the billing page. */
export function UpgradeNotice({
  workspaceId,
  children,
  className,
}: {
  workspaceId: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Notice tone="warning" title="Not on your plan" className={className}>
      {children}{' '}
      <Link
        to="/w/$workspaceId/billing"
        params={{ workspaceId }}
        className="font-medium underline underline-offset-2"
      >
        Upgrade your plan
      </Link>
    </Notice>
  );
}

/** Renders `children` when the workspace has the feature, else the upgrade notice (or `fallback`). */
export function FeatureGate({
  workspaceId,
  feature,
  notice,
  children,
}: {
  workspaceId: string;
  feature: string;
  /** What the user cannot do, e.g. "Inviting members needs Team collaboration." */
  notice: ReactNode;
  children?: ReactNode;
}) {
  const allowed = useCan(workspaceId, feature);
  if (allowed) return <>{children}</>;
  return <UpgradeNotice workspaceId={workspaceId}>{notice}</UpgradeNotice>;
}
