import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { signOut } from '../../lib/auth-client';

/** `redirect` brings the user back to the current page after signing in as someone else. */
export function useSignOut(options: { redirect?: string } = {}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      // Even if the server call failed, nothing cached for this user may leak to the next one.
      queryClient.clear();
      await navigate({ to: '/sign-in', search: { redirect: options.redirect } });
    },
  });
}
