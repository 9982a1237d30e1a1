import type { HeraldAuth } from './auth.ts';

/**
 * Creates an email/password account without sending mail, through better-auth's own internals so the
 * password is hashed its way and the user-created hook (personal workspace) runs. Used by the demo
 * seed and the CLI.
 */
export async function createPasswordUser(
  auth: HeraldAuth,
  input: { name: string; email: string; password: string; emailVerified: boolean },
): Promise<{ id: string }> {
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser(
    {
      name: input.name,
      email: input.email.toLowerCase(),
      emailVerified: input.emailVerified,
    },
    { method: 'admin' },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await context.password.hash(input.password),
  });
  return { id: user.id };
}
