import { parseArgs } from 'node:util';
import { bootstrap, type Runtime } from '../server/bootstrap.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { systemAudit } from '../server/features/audit/audit.service.ts';
import { createPasswordUser } from '../server/features/auth/accounts-admin.ts';
import { rotateEncryptedValues } from '../server/features/key-rotation/key-rotation.service.ts';
import { addStaffMember } from '../server/features/staff/staff.service.ts';
import { type StaffRole, staffRoles } from '../server/features/staff/staff.table.ts';
import { randomToken } from '../server/platform/crypto.ts';
import { DataDirLockedError } from '../server/platform/data-dir.ts';
import { AppError } from '../server/platform/errors.ts';
import { createLogger } from '../server/platform/logger.ts';

const usage = `Usage: herald <command>

Commands:
  staff add <email> --role <super_admin|admin|support> [--create --name <name>]
      Make an existing user staff. With --create, a verified user is created first and a
      generated password is printed once.
  db migrate
      Apply pending database migrations.
  secrets rotate
      Re-encrypt every stored token and secret with ENCRYPTION_KEY, reading the old values with
      ENCRYPTION_KEY_PREVIOUS (the key being replaced). Safe to run again; exits 1 when some value
      no configured key can open.
  generate <file|-> --platforms x,linkedin --tone educational [--language fr] [--json]
      Posts for each platform from a text or Markdown file (- reads stdin) with the local
      engine. Offline: needs no database, server or settings. \`herald generate --help\`.

Settings come from the environment, as for the server (see README).`;

async function withRuntime<T>(run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await bootstrap(loadConfig(), { log: createLogger('warn') });
  try {
    return await run(runtime);
  } finally {
    await runtime.shutdown();
  }
}

async function staffAdd(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, create: { type: 'boolean' }, name: { type: 'string' } },
  });
  const email = positionals[0];
  const role = values.role as StaffRole | undefined;
  if (!email || !role || !staffRoles.includes(role)) {
    throw new CliError(`staff add needs an email and --role (${staffRoles.join(', ')})`);
  }
  await withRuntime(async ({ deps }) => {
    let password: string | null = null;
    if (values.create) {
      password = randomToken(12);
      await createPasswordUser(deps.auth, {
        name: values.name ?? email.split('@')[0] ?? email,
        email,
        password,
        emailVerified: true,
      });
    }
    const staff = await addStaffMember(deps.db, systemAudit(deps.authSecret), email, role);
    process.stdout.write(`${staff.email} is now ${staff.role}.\n`);
    if (password) process.stdout.write(`Password (shown once): ${password}\n`);
  });
}

async function secretsRotate() {
  // Checked before opening the database: without the old key there is nothing to read from.
  const previous = loadConfig().ENCRYPTION_KEY_PREVIOUS;
  if (previous.length === 0) {
    throw new CliError(
      'Set ENCRYPTION_KEY_PREVIOUS to the key being replaced (and ENCRYPTION_KEY to the new one)',
    );
  }
  await withRuntime(async ({ deps }) => {
    const report = await rotateEncryptedValues(deps.db, { current: deps.encryptionKey, previous });
    process.stdout.write(
      `Re-encrypted ${report.reencrypted} value(s); ${report.current} already used the current key.\n`,
    );
    if (report.unreadable.length > 0) {
      for (const { column, id } of report.unreadable) {
        process.stderr.write(`Cannot decrypt ${column} of ${id} with any configured key.\n`);
      }
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      'Every stored secret now uses ENCRYPTION_KEY; ENCRYPTION_KEY_PREVIOUS can be removed.\n',
    );
  });
}

class CliError extends Error {}

async function main(argv: string[]) {
  const [command, subcommand, ...rest] = argv;
  if (command === 'generate') {
    // Loaded on demand: generating needs none of the server's settings or database.
    const { generateCommand } = await import('./generate.ts');
    process.exitCode = await generateCommand(argv.slice(1));
    return;
  }
  if (command === 'staff' && subcommand === 'add') return staffAdd(rest);
  if (command === 'secrets' && subcommand === 'rotate') return secretsRotate();
  if (command === 'db' && subcommand === 'migrate') {
    return withRuntime(async (runtime) => {
      process.stdout.write(`Database is migrated (${runtime.database.kind}).\n`);
    });
  }
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  throw new CliError(`Unknown command: ${argv.join(' ')}\n\n${usage}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof AppError) {
    const hint = error.code === 'not_found' ? ' — sign up first, or pass --create --name "Full Name"' : '';
    process.stderr.write(`${error.message}${hint}\n`);
  } else {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
