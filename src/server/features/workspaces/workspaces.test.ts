import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { brandProfiles, workspaceInvitations, workspaceMembers, workspaces } from './workspaces.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;
type Role = 'owner' | 'admin' | 'member' | 'viewer';

const clock = createManualClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

let userCount = 0;
function newUser(label: string) {
  userCount += 1;
  return signUp(t, `${label}-${userCount}@example.com`, `${label[0]?.toUpperCase()}${label.slice(1)} Tester`);
}

async function createTeam(owner: User, name = 'Team') {
  const response = await t.call('POST', '/api/v1/workspaces', { cookie: owner.cookie, body: { name } });
  expect(response.status).toBe(201);
  const team = await json<{ id: string; name: string; role: Role; isPersonal: boolean; timezone: string }>(
    response,
  );
  // Teams invite several people; free has 2 seats.
  await putOnPlan(t, team.id, 'pro');
  return team;
}

/** The token is only in the email the invitee receives (the dev mailbox keeps the body). */
async function latestInvitationToken(email: string) {
  const [mail] = await t.deps.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.toAddress, email.toLowerCase()), eq(outboundEmails.kind, 'invitation')))
    .orderBy(desc(outboundEmails.createdAt));
  const match = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '');
  if (!match?.[1]) throw new Error(`no invitation link mailed to ${email}`);
  return match[1];
}

async function invite(inviter: User, workspaceId: string, email: string, role: Role = 'member') {
  const response = await t.call('POST', `/api/v1/workspaces/${workspaceId}/invitations`, {
    cookie: inviter.cookie,
    body: { email, role },
  });
  expect(response.status).toBe(201);
  const invitation = await json<{ id: string; status: string; role: Role }>(response);
  return { invitation, token: await latestInvitationToken(email) };
}

async function addMember(owner: User, workspaceId: string, role: Role, label: string = role) {
  const user = await newUser(label);
  const { token } = await invite(owner, workspaceId, user.email, role);
  const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
  expect(accepted.status).toBe(200);
  return user;
}

async function roleOf(workspaceId: string, asUser: User, userId: string) {
  const members = await json<{ items: Array<{ userId: string; role: Role }> }>(
    await t.call('GET', `/api/v1/workspaces/${workspaceId}/members`, { cookie: asUser.cookie }),
  );
  return members.items.find((m) => m.userId === userId)?.role ?? null;
}

describe('workspaces', () => {
  it('a created workspace lists its creator as owner and shows up in the list', async () => {
    const owner = await newUser('founder');
    const team = await createTeam(owner, 'Launch Crew');
    expect(team).toMatchObject({ name: 'Launch Crew', role: 'owner', isPersonal: false, timezone: 'UTC' });
    const list = await json<{ items: Array<{ id: string; role: Role; isPersonal: boolean }> }>(
      await t.call('GET', '/api/v1/workspaces', { cookie: owner.cookie }),
    );
    expect(list.items.map((w) => [w.isPersonal, w.role])).toEqual([
      [true, 'owner'],
      [false, 'owner'],
    ]);
    expect(list.items[1]?.id).toBe(team.id);
    expect(await roleOf(team.id, owner, owner.userId)).toBe('owner');
  });

  it('a workspace name that is blank is refused with its path', async () => {
    const owner = await newUser('blank');
    const response = await t.call('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      body: { name: '   ' },
    });
    expect(response.status).toBe(422);
    const body = await json<{ error: { details: Array<{ path: string }> } }>(response);
    expect(body.error.details.map((d) => d.path)).toEqual(['name']);
  });

  it('an admin can rename a workspace while a member and a viewer get 403 and change nothing', async () => {
    const owner = await newUser('renamer');
    const team = await createTeam(owner, 'Old Name');
    const admin = await addMember(owner, team.id, 'admin');
    const member = await addMember(owner, team.id, 'member');
    const viewer = await addMember(owner, team.id, 'viewer');

    const renamed = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
      cookie: admin.cookie,
      body: { name: 'New Name' },
    });
    expect(renamed.status).toBe(200);
    expect(await json(renamed)).toMatchObject({ name: 'New Name', role: 'admin' });

    for (const user of [member, viewer]) {
      const refused = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
        cookie: user.cookie,
        body: { name: 'Hijacked' },
      });
      expect(refused.status).toBe(403);
    }
    const [row] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, team.id));
    expect(row?.name).toBe('New Name');
  });

  it('a workspace of someone else looks like a missing one', async () => {
    const owner = await newUser('private');
    const outsider = await newUser('outsider');
    const team = await createTeam(owner);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: outsider.cookie })).status).toBe(
      404,
    );
    expect(
      (
        await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
          cookie: outsider.cookie,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`)).status).toBe(401);
  });

  it('the timezone must be an IANA zone', async () => {
    const owner = await newUser('tz');
    const team = await createTeam(owner);
    const ok = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
      cookie: owner.cookie,
      body: { timezone: 'America/New_York' },
    });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ timezone: 'America/New_York' });

    const bad = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
      cookie: owner.cookie,
      body: { timezone: 'Mars/Olympus_Mons' },
    });
    expect(bad.status).toBe(422);
    const body = await json<{ error: { details: Array<{ path: string }> } }>(bad);
    expect(body.error.details.map((d) => d.path)).toEqual(['timezone']);

    const empty = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, { cookie: owner.cookie, body: {} });
    expect(empty.status).toBe(422);
    const [row] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, team.id));
    expect(row?.timezone).toBe('America/New_York');
  });

  it('only an owner can delete a workspace, and a personal workspace cannot be deleted', async () => {
    const owner = await newUser('deleter');
    const team = await createTeam(owner);
    const admin = await addMember(owner, team.id, 'admin');

    expect((await t.call('DELETE', `/api/v1/workspaces/${team.id}`, { cookie: admin.cookie })).status).toBe(
      403,
    );
    expect(await t.deps.db.select().from(workspaces).where(eq(workspaces.id, team.id))).toHaveLength(1);

    const personal = await t.call('DELETE', `/api/v1/workspaces/${owner.workspaceId}`, {
      cookie: owner.cookie,
    });
    expect(personal.status).toBe(409);
    expect(
      await t.deps.db.select().from(workspaces).where(eq(workspaces.id, owner.workspaceId)),
    ).toHaveLength(1);

    expect((await t.call('DELETE', `/api/v1/workspaces/${team.id}`, { cookie: owner.cookie })).status).toBe(
      204,
    );
    expect(await t.deps.db.select().from(workspaces).where(eq(workspaces.id, team.id))).toEqual([]);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: admin.cookie })).status).toBe(404);
  });
});

describe('members', () => {
  it('only an owner grants or takes away the owner role', async () => {
    const owner = await newUser('boss');
    const team = await createTeam(owner);
    const admin = await addMember(owner, team.id, 'admin');
    const member = await addMember(owner, team.id, 'member');

    const adminGrantsOwner = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${member.userId}`, {
      cookie: admin.cookie,
      body: { role: 'owner' },
    });
    expect(adminGrantsOwner.status).toBe(403);
    const adminDemotesOwner = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${owner.userId}`, {
      cookie: admin.cookie,
      body: { role: 'member' },
    });
    expect(adminDemotesOwner.status).toBe(403);
    expect(await roleOf(team.id, owner, owner.userId)).toBe('owner');
    expect(await roleOf(team.id, owner, member.userId)).toBe('member');

    const adminMakesViewer = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${member.userId}`, {
      cookie: admin.cookie,
      body: { role: 'viewer' },
    });
    expect(adminMakesViewer.status).toBe(204);
    expect(await roleOf(team.id, owner, member.userId)).toBe('viewer');

    const memberChanges = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${admin.userId}`, {
      cookie: member.cookie,
      body: { role: 'viewer' },
    });
    expect(memberChanges.status).toBe(403);

    const ownerGrants = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${admin.userId}`, {
      cookie: owner.cookie,
      body: { role: 'owner' },
    });
    expect(ownerGrants.status).toBe(204);
    expect(await roleOf(team.id, owner, admin.userId)).toBe('owner');
  });

  it('the last owner can be neither demoted nor removed', async () => {
    const owner = await newUser('sole');
    const team = await createTeam(owner);
    const demote = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${owner.userId}`, {
      cookie: owner.cookie,
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    const leave = await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${owner.userId}`, {
      cookie: owner.cookie,
    });
    expect(leave.status).toBe(409);
    expect(await roleOf(team.id, owner, owner.userId)).toBe('owner');

    const second = await addMember(owner, team.id, 'owner', 'coowner');
    const nowAllowed = await t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${owner.userId}`, {
      cookie: second.cookie,
      body: { role: 'admin' },
    });
    expect(nowAllowed.status).toBe(204);
    const lastAgain = await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${second.userId}`, {
      cookie: second.cookie,
    });
    expect(lastAgain.status).toBe(409);
  });

  it('two owners demoting each other at the same moment still leave one owner', async () => {
    const first = await newUser('twin');
    const team = await createTeam(first);
    const second = await addMember(first, team.id, 'owner', 'twin');
    const answers = await Promise.all([
      t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${second.userId}`, {
        cookie: first.cookie,
        body: { role: 'admin' },
      }),
      t.call('PATCH', `/api/v1/workspaces/${team.id}/members/${first.userId}`, {
        cookie: second.cookie,
        body: { role: 'admin' },
      }),
      t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${first.userId}`, { cookie: first.cookie }),
    ]);
    // Whichever runs first wins; the others see the change and are refused, never a 500.
    for (const answer of answers) expect([204, 403, 404, 409]).toContain(answer.status);
    const owners = await t.deps.db
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, team.id), eq(workspaceMembers.role, 'owner')));
    expect(owners).toHaveLength(1);
  });

  it('an admin removes a member, an admin cannot remove an owner, and a member can leave', async () => {
    const owner = await newUser('host');
    const team = await createTeam(owner);
    const admin = await addMember(owner, team.id, 'admin');
    const member = await addMember(owner, team.id, 'member');
    const leaver = await addMember(owner, team.id, 'viewer', 'leaver');

    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${owner.userId}`, {
          cookie: admin.cookie,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${admin.userId}`, {
          cookie: member.cookie,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${member.userId}`, {
          cookie: admin.cookie,
        })
      ).status,
    ).toBe(204);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: member.cookie })).status).toBe(
      404,
    );

    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${leaver.userId}`, {
          cookie: leaver.cookie,
        })
      ).status,
    ).toBe(204);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: leaver.cookie })).status).toBe(
      404,
    );

    const remaining = await json<{ items: Array<{ userId: string }> }>(
      await t.call('GET', `/api/v1/workspaces/${team.id}/members`, { cookie: owner.cookie }),
    );
    expect(remaining.items.map((m) => m.userId).sort()).toEqual([owner.userId, admin.userId].sort());
    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/members/${member.userId}`, {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(404);
  });
});

describe('invitations', () => {
  it('an invitation mails a link with a token and stores only the hash of it', async () => {
    const owner = await newUser('inviter');
    const team = await createTeam(owner, 'Hash Team');
    const { invitation, token } = await invite(owner, team.id, 'Guest.One@Example.com', 'member');
    expect(invitation).toMatchObject({ status: 'pending', role: 'member' });

    const [mail] = await t.deps.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, 'guest.one@example.com'));
    expect(mail?.kind).toBe('invitation');
    expect(mail?.textBody).toContain(`${t.config.publicUrl}/invitations/${token}`);
    expect(mail?.subject).toContain('Hash Team');

    const rows = await t.deps.db
      .select()
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.workspaceId, team.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('anyone with the link can preview it without signing in', async () => {
    const owner = await newUser('previewer');
    const team = await createTeam(owner, 'Preview Team');
    const { token } = await invite(owner, team.id, 'preview-guest@example.com', 'viewer');
    const response = await t.call('GET', `/api/v1/invitations/${token}`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      workspaceName: 'Preview Team',
      email: 'preview-guest@example.com',
      role: 'viewer',
      status: 'pending',
    });
    expect((await t.call('GET', `/api/v1/invitations/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('the invited user joins with the invited role and someone else signed in gets 403', async () => {
    const owner = await newUser('welcomer');
    const team = await createTeam(owner);
    const invitee = await newUser('invitee');
    const stranger = await newUser('stranger');
    const { token } = await invite(owner, team.id, invitee.email, 'admin');

    const wrongPerson = await t.call('POST', `/api/v1/invitations/${token}/accept`, {
      cookie: stranger.cookie,
    });
    expect(wrongPerson.status).toBe(403);
    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: stranger.cookie })).status).toBe(
      404,
    );
    expect((await t.call('POST', `/api/v1/invitations/${token}/accept`)).status).toBe(401);

    const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: invitee.cookie });
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toEqual({ workspaceId: team.id, role: 'admin' });
    expect(await roleOf(team.id, owner, invitee.userId)).toBe('admin');

    const again = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: invitee.cookie });
    expect(again.status).toBe(410);
  });

  it('an expired invitation answers 410', async () => {
    const owner = await newUser('timer');
    const team = await createTeam(owner);
    const invitee = await newUser('late');
    const { token } = await invite(owner, team.id, invitee.email);
    clock.advance((t.config.INVITATION_TTL_HOURS + 1) * 3600_000);
    try {
      const preview = await json<{ status: string }>(await t.call('GET', `/api/v1/invitations/${token}`));
      expect(preview.status).toBe('expired');
      const response = await t.call('POST', `/api/v1/invitations/${token}/accept`, {
        cookie: invitee.cookie,
      });
      expect(response.status).toBe(410);
      expect(await roleOf(team.id, owner, invitee.userId)).toBeNull();
    } finally {
      clock.set(new Date());
    }
  });

  it('a revoked invitation answers 410', async () => {
    const owner = await newUser('revoker');
    const team = await createTeam(owner);
    const invitee = await newUser('revoked');
    const { invitation, token } = await invite(owner, team.id, invitee.email);
    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/invitations/${invitation.id}`, {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await t.call('DELETE', `/api/v1/workspaces/${team.id}/invitations/${invitation.id}`, {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(404);
    const response = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: invitee.cookie });
    expect(response.status).toBe(410);
    expect(await roleOf(team.id, owner, invitee.userId)).toBeNull();
  });

  it('inviting the same address again replaces the pending invitation', async () => {
    const owner = await newUser('reinviter');
    const team = await createTeam(owner);
    const invitee = await newUser('twice');
    const first = await invite(owner, team.id, invitee.email, 'viewer');
    const second = await invite(owner, team.id, invitee.email, 'member');
    expect(second.token).not.toBe(first.token);

    const list = await json<{ items: Array<{ id: string; status: string }> }>(
      await t.call('GET', `/api/v1/workspaces/${team.id}/invitations`, { cookie: owner.cookie }),
    );
    expect(list.items.map((i) => [i.id, i.status]).sort()).toEqual(
      [
        [first.invitation.id, 'revoked'],
        [second.invitation.id, 'pending'],
      ].sort(),
    );
    expect(
      (await t.call('POST', `/api/v1/invitations/${first.token}/accept`, { cookie: invitee.cookie })).status,
    ).toBe(410);
    expect(
      (await t.call('POST', `/api/v1/invitations/${second.token}/accept`, { cookie: invitee.cookie })).status,
    ).toBe(200);
    expect(await roleOf(team.id, owner, invitee.userId)).toBe('member');
  });

  it('two invitations to the same address sent at once leave one pending invitation and no error', async () => {
    const owner = await newUser('doubleclick');
    const team = await createTeam(owner);
    const send = () =>
      t.call('POST', `/api/v1/workspaces/${team.id}/invitations`, {
        cookie: owner.cookie,
        body: { email: 'double-click@example.com', role: 'member' },
      });
    const answers = await Promise.all([send(), send(), send()]);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    const rows = await t.deps.db
      .select()
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.workspaceId, team.id));
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
  });

  it('an admin cannot invite an owner, and a member cannot invite at all', async () => {
    const owner = await newUser('gate');
    const team = await createTeam(owner);
    const admin = await addMember(owner, team.id, 'admin');
    const member = await addMember(owner, team.id, 'member');
    const asAdmin = await t.call('POST', `/api/v1/workspaces/${team.id}/invitations`, {
      cookie: admin.cookie,
      body: { email: 'would-be-owner@example.com', role: 'owner' },
    });
    expect(asAdmin.status).toBe(403);
    const asMember = await t.call('POST', `/api/v1/workspaces/${team.id}/invitations`, {
      cookie: member.cookie,
      body: { email: 'friend@example.com' },
    });
    expect(asMember.status).toBe(403);
    const existing = await t.call('POST', `/api/v1/workspaces/${team.id}/invitations`, {
      cookie: owner.cookie,
      body: { email: member.email },
    });
    expect(existing.status).toBe(409);
    const rows = await t.deps.db
      .select()
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.workspaceId, team.id));
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    const mails = await t.deps.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, 'would-be-owner@example.com'));
    expect(mails).toEqual([]);
  });
});

describe('viewers and the brand profile', () => {
  it('a viewer reads the workspace, its members and its brand but cannot write', async () => {
    const owner = await newUser('brandowner');
    const team = await createTeam(owner);
    const viewer = await addMember(owner, team.id, 'viewer', 'reader');
    const auditBefore = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.workspaceId, team.id));

    expect((await t.call('GET', `/api/v1/workspaces/${team.id}`, { cookie: viewer.cookie })).status).toBe(
      200,
    );
    expect(
      (await t.call('GET', `/api/v1/workspaces/${team.id}/members`, { cookie: viewer.cookie })).status,
    ).toBe(200);
    expect(
      (await t.call('GET', `/api/v1/workspaces/${team.id}/brand`, { cookie: viewer.cookie })).status,
    ).toBe(200);

    const patch = await t.call('PATCH', `/api/v1/workspaces/${team.id}`, {
      cookie: viewer.cookie,
      body: { name: 'Viewer was here' },
    });
    expect(patch.status).toBe(403);
    const put = await t.call('PUT', `/api/v1/workspaces/${team.id}/brand`, {
      cookie: viewer.cookie,
      body: { brandName: 'Nope' },
    });
    expect(put.status).toBe(403);
    expect(await json(put)).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });

    expect(
      await t.deps.db.select().from(brandProfiles).where(eq(brandProfiles.workspaceId, team.id)),
    ).toEqual([]);
    const auditAfter = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.workspaceId, team.id));
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it('the brand profile is empty at first, saves, and refuses colours that are not #rrggbb', async () => {
    const owner = await newUser('brander');
    const team = await createTeam(owner);
    const empty = await json<Record<string, unknown>>(
      await t.call('GET', `/api/v1/workspaces/${team.id}/brand`, { cookie: owner.cookie }),
    );
    expect(empty).toMatchObject({ brandName: null, primaryColor: null, updatedAt: null });

    const saved = await t.call('PUT', `/api/v1/workspaces/${team.id}/brand`, {
      cookie: owner.cookie,
      body: {
        brandName: 'Harbor Coffee',
        primaryColor: '#1a2B3c',
        tone: 'warm',
        keyMessages: 'Fresh every morning',
      },
    });
    expect(saved.status).toBe(200);
    const fetched = await json<Record<string, unknown>>(
      await t.call('GET', `/api/v1/workspaces/${team.id}/brand`, { cookie: owner.cookie }),
    );
    expect(fetched).toMatchObject({
      brandName: 'Harbor Coffee',
      primaryColor: '#1a2B3c',
      tone: 'warm',
      secondaryColor: null,
    });
    expect(fetched.updatedAt).toEqual(expect.any(String));

    const bad = await t.call('PUT', `/api/v1/workspaces/${team.id}/brand`, {
      cookie: owner.cookie,
      body: { brandName: 'Changed', primaryColor: 'red', secondaryColor: '#12345' },
    });
    expect(bad.status).toBe(422);
    const body = await json<{ error: { code: string; details: Array<{ path: string }> } }>(bad);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['primaryColor', 'secondaryColor']);

    const unknownField = await t.call('PUT', `/api/v1/workspaces/${team.id}/brand`, {
      cookie: owner.cookie,
      body: { logo: 'x' },
    });
    expect(unknownField.status).toBe(422);

    const after = await json<Record<string, unknown>>(
      await t.call('GET', `/api/v1/workspaces/${team.id}/brand`, { cookie: owner.cookie }),
    );
    expect(after.brandName).toBe('Harbor Coffee');
  });
});
