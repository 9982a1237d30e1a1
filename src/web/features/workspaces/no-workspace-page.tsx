import { Building2 } from 'lucide-react';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Shown when the user belongs to no workspace at all (e.g. removed from every team). */
export function NoWorkspacePage() {
  useDocumentTitle('Welcome');
  return (
    <>
      <PageHeader title="Welcome to Herald" />
      <Card>
        <EmptyState
          icon={Building2}
          title="You are not in any workspace yet"
          description="Create a workspace with the + button next to the workspace switcher, or accept an invitation from your team."
        />
      </Card>
    </>
  );
}
