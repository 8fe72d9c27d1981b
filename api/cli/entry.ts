/** Everything the bundled CLI offers: report, and the commands of the API side. */
import { accountCommand, dbCommand } from './account-command.ts';
import { exampleCommand } from './example-command.ts';
import { importCommand } from './import-command.ts';
import { ratesCommand } from './rates-command.ts';
import { registerCommand } from './main.ts';
import { serveCommand } from './serve-command.ts';
import { workerCommand } from './worker-command.ts';

registerCommand('serve', serveCommand);
registerCommand('account', accountCommand);
registerCommand('db', dbCommand);
registerCommand('import', importCommand);
registerCommand('example', exampleCommand);
registerCommand('rates', ratesCommand);
registerCommand('worker', workerCommand);

export { main } from './main.ts';
