import { z } from 'zod';

// The parts of Clerk's payloads Herald reads. Unknown fields are kept in the stored payload.
const emailAddressSchema = z.object({
  id: z.string(),
  email_address: z.string().email(),
  verification: z.object({ status: z.string() }).nullable().optional(),
});

export const clerkUserSchema = z.object({
  id: z.string().min(1),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  primary_email_address_id: z.string().nullable().optional(),
  email_addresses: z.array(emailAddressSchema),
});
export type ClerkUser = z.infer<typeof clerkUserSchema>;

export const clerkDeletedSchema = z.object({ id: z.string().min(1) });

export const clerkOrganizationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  created_by: z.string().nullable().optional(),
});

export const clerkMembershipSchema = z.object({
  id: z.string().min(1),
  role: z.string(),
  organization: z.object({ id: z.string().min(1) }),
  public_user_data: z.object({ user_id: z.string().min(1) }),
});

export const clerkEnvelopeSchema = z.object({ type: z.string().min(1), data: z.unknown() });

/** The schema each handled event's `data` must match before the event is stored. */
export const clerkDataSchemas: Record<string, z.ZodType> = {
  'user.created': clerkUserSchema,
  'user.updated': clerkUserSchema,
  'user.deleted': clerkDeletedSchema,
  'organization.created': clerkOrganizationSchema,
  'organizationMembership.created': clerkMembershipSchema,
};

/** The primary address, or the first one; `null` when the user has none. */
export function primaryEmailOf(user: ClerkUser) {
  const primary =
    user.email_addresses.find((e) => e.id === user.primary_email_address_id) ?? user.email_addresses[0];
  if (!primary) return null;
  return {
    email: primary.email_address.toLowerCase(),
    verified: primary.verification?.status === 'verified',
  };
}

export function displayNameOf(user: ClerkUser, email: string): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return name || email.split('@')[0] || email;
}
