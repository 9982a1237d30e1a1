import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@tanstack/react-router';
import { ChevronDown, LogOut, MonitorSmartphone, UserRound } from 'lucide-react';
import { initials } from '../../lib/format';
import { useMe } from '../../lib/use-me';
import { useSignOut } from '../auth/use-sign-out';

const itemClass =
  'flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100 data-[highlighted]:text-gray-900 data-[disabled]:opacity-50';

export function UserMenu() {
  const { user } = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="User menu"
        className="flex items-center gap-2 rounded-full p-0.5 pr-2 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=open]:bg-gray-100"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-gray-900 text-xs font-semibold text-white">
          {initials(user.name, user.email.charAt(0).toUpperCase())}
        </span>
        <span className="hidden max-w-40 truncate text-sm font-medium text-gray-800 sm:block">
          {user.name}
        </span>
        <ChevronDown className="hidden size-4 text-gray-400 sm:block" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-60 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-gray-900/10"
        >
          <div className="px-2.5 py-2">
            <p className="truncate text-sm font-medium text-gray-900">{user.name}</p>
            <p className="truncate text-xs text-gray-500">{user.email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-gray-100" />
          <DropdownMenu.Item className={itemClass} onSelect={() => void navigate({ to: '/account/profile' })}>
            <UserRound className="size-4 text-gray-400" aria-hidden />
            Profile
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={itemClass}
            onSelect={() => void navigate({ to: '/account/sessions' })}
          >
            <MonitorSmartphone className="size-4 text-gray-400" aria-hidden />
            Sessions
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-gray-100" />
          <DropdownMenu.Item
            className={itemClass}
            disabled={signOut.isPending}
            onSelect={() => signOut.mutate()}
          >
            <LogOut className="size-4 text-gray-400" aria-hidden />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
