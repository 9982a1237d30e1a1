import { escapeHtml } from '../../platform/html.ts';

// Plain, readable transactional emails. Every template returns the text and the HTML version.
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function layout(heading: string, paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#4f46e5;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="color:#6b7280;font-size:13px">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;max-width:560px;margin:0 auto;padding:24px"><h1 style="font-size:20px">${escapeHtml(heading)}</h1>${body}${button}<p style="color:#9ca3af;font-size:12px;margin-top:32px">Sent by Herald</p></body></html>`;
}

export function verificationEmail(name: string, url: string): RenderedEmail {
  return {
    subject: 'Verify your email for Herald',
    text: `Hi ${name},\n\nConfirm your email address to finish setting up Herald:\n${url}\n\nIf you did not sign up, ignore this email.`,
    html: layout(
      'Verify your email',
      [`Hi ${name},`, 'Confirm your email address to finish setting up Herald.'],
      {
        label: 'Verify email',
        url,
      },
    ),
  };
}

export function passwordResetEmail(name: string, url: string): RenderedEmail {
  return {
    subject: 'Reset your Herald password',
    text: `Hi ${name},\n\nSomeone asked to reset your Herald password. If it was you, open:\n${url}\n\nIf not, ignore this email; your password stays the same.`,
    html: layout(
      'Reset your password',
      [`Hi ${name},`, 'Someone asked to reset your Herald password. If it was you, choose a new one below.'],
      { label: 'Reset password', url },
    ),
  };
}

export function invitationEmail(
  inviterName: string,
  workspaceName: string,
  role: string,
  url: string,
): RenderedEmail {
  return {
    subject: `${inviterName} invited you to ${workspaceName} on Herald`,
    text: `${inviterName} invited you to join the workspace "${workspaceName}" on Herald as ${role}.\n\nAccept the invitation:\n${url}`,
    html: layout(
      `Join ${workspaceName} on Herald`,
      [`${inviterName} invited you to join the workspace "${workspaceName}" as ${role}.`],
      { label: 'Accept invitation', url },
    ),
  };
}
