// On the staff workspace page: import a customer's already-confirmed subscribers (say, moving from
// another tool) or export them, through the staff routes (staff admins).
import { Card, CardBody, CardHeader } from '../../components/card';
import { useSubscribersCsv } from './subscribers-csv';
import { staffSubscribersPath } from './subscribers-queries';

export function StaffSubscribersCard({ workspaceId }: { workspaceId: string }) {
  const csv = useSubscribersCsv(workspaceId, {
    importUrl: staffSubscribersPath(workspaceId, '/import'),
    exportUrl: staffSubscribersPath(workspaceId, '/export'),
  });
  return (
    <Card>
      <CardHeader
        title="Subscribers"
        description="Import already-confirmed subscribers from CSV (a header line with email and, optionally, preference), or export the workspace's list. Imports are audited as staff."
      />
      <CardBody className="space-y-4">
        {csv.outcome}
        <div className="flex flex-wrap gap-2">{csv.actions}</div>
      </CardBody>
    </Card>
  );
}
