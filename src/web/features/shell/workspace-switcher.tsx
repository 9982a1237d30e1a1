import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@tanstack/react-router';
import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useState } from 'react';
import { initials, ROLE_LABELS } from '../../lib/format';
import { useCurrentWorkspace, useMe } from '../../lib/use-me';
import { CreateWorkspaceDialog } from './create-workspace-dialog';

function WorkspaceAvatar({ name }: { name: string }) {
  return (
    <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-100 text-xs font-semibold text-indigo-700">
      {initials(name, 'W')}
    </span>
  );
}

export function WorkspaceSwitcher() {
  const me = useMe();
  const current = useCurrentWorkspace();
  const navigate = useNavigate();
  const [isCreateOpen, setCreateOpen] = useState(false);

  return (
    <div className="flex items-center gap-1.5">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className="flex min-w-0 flex-1 items-center gap-2.5 rounded-lg p-1.5 text-left hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=open]:bg-gray-100"
          aria-label={current ? `Switch workspace (current: ${current.name})` : 'Switch workspace'}
        >
          {current ? <WorkspaceAvatar name={current.name} /> : null}
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold text-gray-900">
              {current?.name ?? 'Choose a workspace'}
            </span>
            {current ? (
              <span className="block truncate text-xs text-gray-500">
                {current.isPersonal ? 'Personal' : 'Team'} · {ROLE_LABELS[current.role]}
              </span>
            ) : null}
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-gray-400" aria-hidden />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={6}
            className="z-50 max-h-[70vh] w-64 overflow-y-auto rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-gray-900/10"
          >
            <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-gray-500">
              Workspaces
            </DropdownMenu.Label>
            {me.workspaces.map((workspace) => (
              <DropdownMenu.Item
                key={workspace.id}
                onSelect={() =>
                  void navigate({ to: '/w/$workspaceId', params: { workspaceId: workspace.id } })
                }
                className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm text-gray-800 outline-none data-[highlighted]:bg-gray-100"
              >
                <WorkspaceAvatar name={workspace.name} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{workspace.name}</span>
                  <span className="block text-xs text-gray-500">{ROLE_LABELS[workspace.role]}</span>
                </span>
                {workspace.id === current?.id ? (
                  <Check className="size-4 text-indigo-600" aria-label="Current" />
                ) : null}
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1.5 h-px bg-gray-100" />
            <DropdownMenu.Item
              onSelect={() => setCreateOpen(true)}
              className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-2 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100"
            >
              <Plus className="size-4" aria-hidden />
              New workspace…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <button
        type="button"
        onClick={() => setCreateOpen(true)}
        aria-label="Create workspace"
        title="Create workspace"
        className="flex size-8 shrink-0 items-center justify-center rounded-lg text-gray-500 ring-1 ring-gray-200 ring-inset hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Plus className="size-4" aria-hidden />
      </button>
      <CreateWorkspaceDialog open={isCreateOpen} onOpenChange={setCreateOpen} />
    </div>
  );
}
