import { execFileSync } from 'node:child_process';

// Shared by playwright.config.ts, the global setup and the specs. Without HERALD_E2E_PORT a free port
// is picked once, when the runner loads the config; the workers inherit it through the environment.
function pickFreePort(): number {
  const script =
    "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

process.env.HERALD_E2E_PORT ||= String(pickFreePort());

export const e2ePort = Number(process.env.HERALD_E2E_PORT);
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;
/** Set by the global setup for the test workers: where the SMTP peer's mailbox can be read. */
export const mailboxUrlEnv = 'HERALD_E2E_MAILBOX_URL';
/** Set by the global setup: the password the CLI gave the staff user below. */
export const staffPasswordEnv = 'HERALD_E2E_STAFF_PASSWORD';
export const e2eStaffEmail = 'staff@example.com';
/** Herald's STRIPE_WEBHOOK_SECRET in the e2e run; the specs sign their events with it. */
export const e2eStripeWebhookSecret = 'whsec_e2e_0123456789abcdef0123456789abcdef';
