// `npm run make-admin -- <e-mail>`: makes an existing account an instance admin, from the command line, so that a
// fresh instance needs no default admin password.
import { grantInstanceAdmin } from '../auth/index.ts';
import { loadConfig } from '../config/index.ts';
import { connectDatabase, disconnectDatabase } from '../shared/db/connection.ts';
import { launchAppDatabase } from '../shared/db/launcher.ts';
import { createLogger } from '../shared/logging/logger.ts';

const email = process.argv[2];
if (!email) {
  console.error('usage: npm run make-admin -- <e-mail of an existing account>');
  process.exit(2);
}

const config = loadConfig();
const logger = createLogger('warn');
const database = await launchAppDatabase(config, logger);
try {
  await connectDatabase(database.uri);
  const granted = await grantInstanceAdmin(email);
  if (!granted) {
    console.error(`No account with the e-mail address ${email}: sign up first, then run this again.`);
    process.exitCode = 1;
  } else {
    console.log(`${granted.name} <${granted.email}> is now an instance admin.`);
  }
} finally {
  await disconnectDatabase();
  await database.stop();
}
