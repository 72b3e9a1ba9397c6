/**
 * `npm run token -- --list` prints the demo users, one JSON object per line;
 * `npm run token -- <id or email>` prints a bearer token for one of them,
 * signed by the same local issuer `npm start` verifies against.
 */
import { DEMO_USERS, findDemoUser } from './demo/users';
import { persistentIssuer } from './issuer';
import { ISSUER_KEY_FILE } from './paths';

const [argument] = process.argv.slice(2);

if (argument === undefined || argument === '--help' || argument === '-h') {
  console.error('usage: npm run token -- --list | npm run token -- <user id or email>');
  process.exit(argument === undefined ? 1 : 0);
}

if (argument === '--list') {
  for (const user of DEMO_USERS) {
    console.log(
      JSON.stringify({ id: user.id, email: user.email, role: user.role, organisation: user.organisation }),
    );
  }
} else {
  const user = findDemoUser(argument);
  if (user === undefined) {
    console.error(`no demo user "${argument}"; npm run token -- --list shows them all`);
    process.exit(1);
  }
  const issuer = await persistentIssuer(ISSUER_KEY_FILE);
  console.log(await issuer.sign(user));
}
