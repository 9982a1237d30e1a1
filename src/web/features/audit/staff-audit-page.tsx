import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { AuditLogCard } from './audit-log-card';

export function StaffAuditPage() {
  const { user } = useMe();
  useDocumentTitle('Staff audit log');
  return (
    <>
      <PageHeader title="Staff audit log" description="Every action taken by staff across the platform." />
      <AuditLogCard queryKey={['staff', 'audit']} path="/api/v1/staff/audit-logs" timeZone={user.timezone} />
    </>
  );
}
