// `npm run make-admin -- <e-mail>`: makes an existing account an instance admin, from the command line, so that a
// fresh instance needs no default admin password.
import { recordAudit } from '../audit/index.js';
import { normaliseEmail, UserModel } from '../auth/index.js';
import { loadConfig } from '../config/index.js';
import { connectDatabase, disconnectDatabase } from '../shared/db/connection.js';
import { launchAppDatabase } from '../shared/db/launcher.js';
import { createLogger } from '../shared/logging/logger.js';
import { SYSTEM } from '../shared/principal.js';

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
  const before = await UserModel.findOne({ email: normaliseEmail(email), deletedAt: null }).lean();
  if (!before) {
    console.error(`No account with the e-mail address ${email}: sign up first, then run this again.`);
    process.exitCode = 1;
  } else {
    await UserModel.updateOne({ _id: before._id }, { $set: { instanceAdmin: true } });
    await recordAudit(SYSTEM, {
      action: 'user.roles',
      entityType: 'user',
      entityId: before._id.toString(),
      before: { instanceAdmin: before.instanceAdmin },
      after: { instanceAdmin: true },
    });
    console.log(`${before.name} <${before.email}> is now an instance admin.`);
  }
} finally {
  await disconnectDatabase();
  await database.stop();
}
